import { describe, expect, it } from 'vitest';
import { EMPTY_DRAFT, LIMITS, isTableIdentifier, toCreateInput, validateDraft, type CreateSpaceDraft } from './createSpaceForm';

const valid: CreateSpaceDraft = {
  ...EMPTY_DRAFT,
  title: 'Sales',
  warehouseId: 'abc123def4567890',
  tables: ['main.sales.orders'],
};

const fieldsOf = (draft: CreateSpaceDraft) => validateDraft(draft).map((p) => p.field);

describe('validateDraft', () => {
  it('accepts a valid draft', () => {
    expect(validateDraft(valid)).toEqual([]);
  });

  it.each<[string, Partial<CreateSpaceDraft>, string]>([
    ['an empty title', { title: '' }, 'title'],
    ['a blank title', { title: '   ' }, 'title'],
    ['a title over 200', { title: 't'.repeat(LIMITS.title + 1) }, 'title'],
    ['a description over 4000', { description: 'd'.repeat(LIMITS.description + 1) }, 'description'],
    ['no warehouse', { warehouseId: '' }, 'warehouse'],
    ['a bad warehouse id', { warehouseId: '../x' }, 'warehouse'],
    ['no tables', { tables: [] }, 'tables'],
    ['31 tables', { tables: Array.from({ length: 31 }, (_, i) => `main.sales.t${i}`) }, 'tables'],
    ['a table that is not c.s.t', { tables: ['main.sales'] }, 'tables'],
    ['a table twice (any case)', { tables: ['main.sales.orders', 'MAIN.sales.orders'] }, 'tables'],
    ['11 questions', { questions: Array.from({ length: 11 }, (_, i) => `q${i}`) }, 'questions'],
    ['a question over 500', { questions: ['q'.repeat(LIMITS.question + 1)] }, 'questions'],
    ['instructions over 10000', { instructions: 'i'.repeat(LIMITS.instructions + 1) }, 'instructions'],
  ])('refuses %s', (_, change, field) => {
    expect(fieldsOf({ ...valid, ...change })).toEqual([field]);
  });

  it('names every field that is wrong, once each', () => {
    expect(fieldsOf({ ...EMPTY_DRAFT })).toEqual(['title', 'warehouse', 'tables']);
  });
});

describe('toCreateInput', () => {
  it('trims, drops blank question rows and leaves out empty optional fields', () => {
    expect(toCreateInput({ ...valid, title: '  Sales  ', questions: ['  Revenue?  ', '', '  '], description: ' ' })).toEqual({
      title: 'Sales',
      warehouse_id: 'abc123def4567890',
      table_identifiers: ['main.sales.orders'],
      sample_questions: ['Revenue?'],
    });
  });
});

describe('isTableIdentifier', () => {
  it.each(['main.sales.orders', 'a-b.c_d.E9'])('accepts %s', (id) => expect(isTableIdentifier(id)).toBe(true));
  it.each(['main.sales', 'a.b.c.d', 'main..orders', 'main.sa les.orders', ''])('refuses %s', (id) =>
    expect(isTableIdentifier(id)).toBe(false),
  );
});
