import { describe, expect, it } from 'vitest';
import { SPACE_ID_MAX_LENGTH, isValidSpaceId, spaceIdProblem } from './spaceId';

describe('space id rule (same as the bridge: 1–128 of [A-Za-z0-9_-])', () => {
  it.each(['01f0eca3dc1b1cbc9b65fa58f94c18ad', 'a', 'A-b_9', 'x'.repeat(SPACE_ID_MAX_LENGTH)])('accepts %s', (id) => {
    expect(spaceIdProblem(id)).toBeNull();
    expect(isValidSpaceId(id)).toBe(true);
  });

  it('asks for an id when it is empty', () => {
    expect(spaceIdProblem('')).toBe('Enter a space id.');
  });

  it('says how long a too-long id is', () => {
    expect(spaceIdProblem('x'.repeat(129))).toBe('The id is 129 characters long; at most 128 are allowed.');
  });

  it.each([
    ['has space', 'spaces'],
    ['../etc', "'.', '/'"],
    ['id?x=1', "'?', '='"],
    ['ünïcode', "'ü', 'ï'"],
    ['semi;colon', "';'"],
  ])('refuses %s and names the characters', (id, named) => {
    const problem = spaceIdProblem(id);
    expect(problem).toContain('only letters, digits');
    expect(problem).toContain(named);
    expect(isValidSpaceId(id)).toBe(false);
  });

  it('treats anything but a string as invalid', () => {
    expect(isValidSpaceId(null)).toBe(false);
    expect(isValidSpaceId(42)).toBe(false);
  });
});
