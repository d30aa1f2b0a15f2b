import { spaceIdProblem } from '../spaceId';
import type { CreateSpaceInput } from '../api/types';

/**
 * The create form's rules, the same as the server's (GenieCanvas.Contracts.CreateSpaceRequest): checked before
 * anything is sent, so a bad form never leaves the page.
 */
export const LIMITS = {
  title: 200,
  description: 4_000,
  tables: 30,
  questions: 10,
  question: 500,
  instructions: 10_000,
} as const;

/** What the user typed and chose; kept whole across a failed create. */
export interface CreateSpaceDraft {
  title: string;
  description: string;
  warehouseId: string;
  tables: string[];
  questions: string[];
  instructions: string;
}

export const EMPTY_DRAFT: CreateSpaceDraft = {
  title: '',
  description: '',
  warehouseId: '',
  tables: [],
  questions: [''],
  instructions: '',
};

export type DraftField = 'title' | 'description' | 'warehouse' | 'tables' | 'questions' | 'instructions';

export interface DraftProblem {
  field: DraftField;
  message: string;
}

const PART = /^[A-Za-z0-9_-]+$/;

/** `catalog.schema.table`, each part of letters, digits, '_' and '-'. */
export function isTableIdentifier(value: string): boolean {
  const parts = value.split('.');
  return parts.length === 3 && parts.every((part) => PART.test(part));
}

/** The questions that will be sent: blank rows the user added but left empty are not questions. */
export function questionsOf(draft: CreateSpaceDraft): string[] {
  return draft.questions.map((q) => q.trim()).filter((q) => q.length > 0);
}

/** Every rule the draft breaks, one message per field (the first problem of that field). */
export function validateDraft(draft: CreateSpaceDraft): DraftProblem[] {
  const problems: DraftProblem[] = [];
  const add = (field: DraftField, message: string) => {
    if (!problems.some((p) => p.field === field)) problems.push({ field, message });
  };
  const title = draft.title.trim();
  if (title.length === 0) add('title', 'Give the space a title.');
  else if (draft.title.length > LIMITS.title) add('title', `The title is ${draft.title.length} characters; at most ${LIMITS.title}.`);
  if (draft.description.length > LIMITS.description) {
    add('description', `The description is ${draft.description.length} characters; at most ${LIMITS.description}.`);
  }
  if (draft.warehouseId === '') add('warehouse', 'Choose the SQL warehouse the space runs its queries on.');
  else if (spaceIdProblem(draft.warehouseId)) add('warehouse', 'This warehouse id is not valid.');
  if (draft.tables.length === 0) add('tables', 'Choose at least one table.');
  else if (draft.tables.length > LIMITS.tables) add('tables', `${draft.tables.length} tables chosen; a space holds at most ${LIMITS.tables}.`);
  const bad = draft.tables.find((t) => !isTableIdentifier(t));
  if (bad !== undefined) add('tables', `'${bad}' is not a catalog.schema.table name.`);
  const seen = new Set<string>();
  for (const table of draft.tables) {
    const key = table.toLowerCase();
    if (seen.has(key)) add('tables', `'${table}' is chosen twice.`);
    seen.add(key);
  }
  const questions = questionsOf(draft);
  if (questions.length > LIMITS.questions) add('questions', `${questions.length} sample questions; at most ${LIMITS.questions}.`);
  const long = draft.questions.findIndex((q) => q.trim().length > LIMITS.question);
  if (long >= 0) add('questions', `Question ${long + 1} is ${(draft.questions[long] ?? '').trim().length} characters; at most ${LIMITS.question}.`);
  if (draft.instructions.length > LIMITS.instructions) {
    add('instructions', `The instructions are ${draft.instructions.length} characters; at most ${LIMITS.instructions}.`);
  }
  return problems;
}

/** The request body for a valid draft (trimmed; empty optional fields left out). */
export function toCreateInput(draft: CreateSpaceDraft): CreateSpaceInput {
  const input: CreateSpaceInput = {
    title: draft.title.trim(),
    warehouse_id: draft.warehouseId,
    table_identifiers: [...draft.tables],
  };
  if (draft.description.trim()) input.description = draft.description.trim();
  const questions = questionsOf(draft);
  if (questions.length > 0) input.sample_questions = questions;
  if (draft.instructions.trim()) input.instructions = draft.instructions.trim();
  return input;
}
