import { describe, expect, it } from 'vitest';
import { MAX_KEPT_ROWS, MAX_TURNS, appendTurn, readConversation, turnFromAnswer } from './conversation';
import type { AskAnswer } from '../api/ask';

const answer: AskAnswer = {
  space_id: 's',
  conversation_id: 'c1',
  message_id: 'm1',
  status: 'COMPLETED',
  text: 'Four regions.',
  follow_up_question: null,
  query: { sql: 'SELECT 1', description: null, title: 'Revenue', statement_id: 'st' },
  result: { columns: [{ name: 'revenue', type: 'DOUBLE' }], rows: Array.from({ length: 80 }, (_, i) => [String(i)]), row_count: 1200, truncated: true },
  suggested_questions: ['Why?'],
};

describe('conversation', () => {
  it('keeps an answer with its rows capped and the true row count', () => {
    const turn = turnFromAnswer('Revenue by region?', answer);
    expect(turn.rows).toHaveLength(MAX_KEPT_ROWS);
    expect(turn.rowCount).toBe(1200);
    expect(turn.sql).toBe('SELECT 1');
    expect(turn.suggested).toEqual(['Why?']);
  });

  it('keeps the last turns only', () => {
    let turns = appendTurn(undefined, turnFromAnswer('q0', answer));
    for (let i = 1; i < MAX_TURNS + 5; i++) turns = appendTurn(turns, turnFromAnswer(`q${i}`, answer));
    expect(turns).toHaveLength(MAX_TURNS);
    expect(turns[0]?.question).toBe('q5');
  });

  it('reads back what it saved and drops what does not check out', () => {
    const saved = JSON.parse(JSON.stringify([turnFromAnswer('q', answer), { question: 5 }, 'junk', { question: 'x', rows: [[1, 'a', null]] }]));
    const read = readConversation(saved)!;
    expect(read).toHaveLength(2);
    expect(read[0]?.rows).toHaveLength(MAX_KEPT_ROWS);
    expect(read[1]?.rows).toEqual([[null, 'a', null]]);
    expect(readConversation('nope')).toBeUndefined();
  });
});
