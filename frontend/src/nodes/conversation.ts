import type { AskAnswer } from '../api/ask';
import type { ConversationTurn } from './types';

/** Rows of each answer kept in the flow (the table shows them; "N of M rows" says how many there were). */
export const MAX_KEPT_ROWS = 50;
/** Questions kept per block: the oldest go first. */
export const MAX_TURNS = 20;

export function turnFromAnswer(question: string, answer: AskAnswer): ConversationTurn {
  return {
    question,
    text: answer.text,
    followUp: answer.follow_up_question,
    sql: answer.query?.sql ?? null,
    sqlTitle: answer.query?.title ?? null,
    columns: answer.result?.columns.map((c) => ({ name: c.name, type: c.type })),
    rows: answer.result?.rows.slice(0, MAX_KEPT_ROWS),
    rowCount: answer.result?.row_count,
    suggested: answer.suggested_questions.slice(0, 5),
  };
}

export function appendTurn(turns: ConversationTurn[] | undefined, turn: ConversationTurn): ConversationTurn[] {
  return [...(turns ?? []), turn].slice(-MAX_TURNS);
}

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

/** A conversation read from storage, a file or the server: anything that does not check out is dropped. */
export function readConversation(raw: unknown): ConversationTurn[] | undefined {
  if (!Array.isArray(raw)) return undefined;
  const turns: ConversationTurn[] = [];
  for (const item of raw.slice(-MAX_TURNS)) {
    if (!item || typeof item !== 'object') continue;
    const t = item as Record<string, unknown>;
    if (typeof t.question !== 'string') continue;
    const columns = Array.isArray(t.columns)
      ? t.columns.filter((c): c is { name: string; type: string | null } => !!c && typeof (c as { name?: unknown }).name === 'string').map((c) => ({ name: c.name, type: str(c.type) }))
      : undefined;
    const rows = Array.isArray(t.rows)
      ? t.rows.filter(Array.isArray).slice(0, MAX_KEPT_ROWS).map((r: unknown[]) => r.map(str))
      : undefined;
    turns.push({
      question: t.question.slice(0, 2000),
      text: str(t.text),
      followUp: str(t.followUp),
      sql: str(t.sql),
      sqlTitle: str(t.sqlTitle),
      columns,
      rows,
      rowCount: typeof t.rowCount === 'number' ? t.rowCount : undefined,
      suggested: Array.isArray(t.suggested) ? t.suggested.filter((q): q is string => typeof q === 'string').slice(0, 5) : undefined,
    });
  }
  return turns;
}
