import { describe, expect, it } from 'vitest';
import { filterSpaces } from './filterSpaces';

const spaces = [
  { space_id: '01f0eca3dc1b1cbc9b65fa58f94c18ad', title: 'Sales Analytics' },
  { space_id: '01f0b2c4e8a91d3fa7c6b0e5d4f3a2b1', title: 'People Analytics' },
  { space_id: '01f0a7a327cd11978f2951f81a61bfdd', title: 'Supply Chain Visibility' },
  { space_id: 'untitled-1', title: null },
];

describe('space picker search', () => {
  it('matches titles case-insensitively', () => {
    expect(filterSpaces(spaces, 'ANALYTICS').map((s) => s.title)).toEqual(['Sales Analytics', 'People Analytics']);
  });

  it('matches a pasted id', () => {
    expect(filterSpaces(spaces, '01f0a7a3').map((s) => s.title)).toEqual(['Supply Chain Visibility']);
  });

  it('shows everything for an empty or blank query', () => {
    expect(filterSpaces(spaces, '   ')).toHaveLength(4);
  });

  it('finds nothing for a title no space has', () => {
    expect(filterSpaces(spaces, 'marketing')).toEqual([]);
  });
});
