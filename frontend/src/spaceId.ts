/** The one space id rule, the same as the bridge's (GenieCanvas.Contracts.SpaceId): 1–128 of [A-Za-z0-9_-]. */
export const SPACE_ID_MAX_LENGTH = 128;
export const SPACE_ID_RULE = "A space id is 1–128 characters: letters A–Z and a–z, digits, '-' and '_'.";

const ALLOWED = /^[A-Za-z0-9_-]+$/;

/** Returns what is wrong with the id in words a user understands, or null when it is valid. */
export function spaceIdProblem(value: string): string | null {
  if (value.length === 0) return 'Enter a space id.';
  if (value.length > SPACE_ID_MAX_LENGTH) {
    return `The id is ${value.length} characters long; at most ${SPACE_ID_MAX_LENGTH} are allowed.`;
  }
  if (!ALLOWED.test(value)) {
    const bad = [...new Set([...value].filter((c) => !ALLOWED.test(c)))];
    const shown = bad.map((c) => (c === ' ' ? 'spaces' : `'${c}'`)).join(', ');
    return `The id may contain only letters, digits, '-' and '_' (not ${shown}).`;
  }
  return null;
}

export function isValidSpaceId(value: unknown): value is string {
  return typeof value === 'string' && spaceIdProblem(value) === null;
}
