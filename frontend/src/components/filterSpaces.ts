import type { SpaceSummary } from '../api/types';

/** Search by title (and id, for people who paste one), case-insensitive. */
export function filterSpaces(spaces: readonly SpaceSummary[], query: string): SpaceSummary[] {
  const needle = query.trim().toLowerCase();
  if (!needle) return [...spaces];
  return spaces.filter(
    (s) => (s.title ?? '').toLowerCase().includes(needle) || s.space_id.toLowerCase().includes(needle),
  );
}

/** The pages as one list, each space once (a space that moved between pages is not shown twice). */
export function mergePages(pages: ReadonlyArray<{ spaces?: SpaceSummary[] }>): SpaceSummary[] {
  const seen = new Set<string>();
  const all: SpaceSummary[] = [];
  for (const page of pages) {
    for (const space of page.spaces ?? []) {
      if (typeof space?.space_id === 'string' && !seen.has(space.space_id)) {
        seen.add(space.space_id);
        all.push(space);
      }
    }
  }
  return all;
}
