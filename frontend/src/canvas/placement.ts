import type { XYPosition } from '@xyflow/react';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Space kept between blocks, in flow units. */
export const GAP = 32;

/** A block of `size` centred at `centre`. */
export function rectAround(centre: XYPosition, size: { width: number; height: number }): Rect {
  return { x: centre.x - size.width / 2, y: centre.y - size.height / 2, width: size.width, height: size.height };
}

export function overlaps(a: Rect, b: Rect, gap = 0): boolean {
  return a.x < b.x + b.width + gap && b.x < a.x + a.width + gap && a.y < b.y + b.height + gap && b.y < a.y + a.height + gap;
}

/**
 * The centre nearest to `wanted` where a block of `size` overlaps none of `taken` (with a gap): the wanted point itself
 * when it is free, else the closest free spot on rings of candidates around it. New blocks never land on others.
 */
export function findFreeSpot(wanted: XYPosition, size: { width: number; height: number }, taken: readonly Rect[]): XYPosition {
  const free = (centre: XYPosition) => !taken.some((rect) => overlaps(rectAround(centre, size), rect, GAP));
  if (free(wanted)) return wanted;
  const step = GAP;
  for (let ring = 1; ring <= 200; ring++) {
    const d = ring * step;
    let best: XYPosition | null = null;
    let bestDistance = Infinity;
    // The square ring at distance d: every candidate on it, the nearest free one wins.
    for (let i = -ring; i <= ring; i++) {
      for (const candidate of [
        { x: wanted.x + i * step, y: wanted.y - d },
        { x: wanted.x + i * step, y: wanted.y + d },
        { x: wanted.x - d, y: wanted.y + i * step },
        { x: wanted.x + d, y: wanted.y + i * step },
      ]) {
        const distance = Math.hypot(candidate.x - wanted.x, candidate.y - wanted.y);
        if (distance < bestDistance && free(candidate)) {
          best = candidate;
          bestDistance = distance;
        }
      }
    }
    if (best) return best;
  }
  return wanted;
}

/**
 * How far to pan (in flow units) so `rect` is inside `view` (with a margin); 0 where it already is. A rect larger
 * than the view keeps its top-left corner in view, where a block's header and first content are.
 */
export function panToShow(rect: Rect, view: Rect, margin: number): { dx: number; dy: number } {
  const axis = (start: number, length: number, viewStart: number, viewLength: number) => {
    const lo = viewStart + margin;
    const hi = viewStart + viewLength - margin;
    if (length > hi - lo || start < lo) return start < lo || length > hi - lo ? start - lo : 0;
    if (start + length > hi) return start + length - hi;
    return 0;
  };
  return { dx: axis(rect.x, rect.width, view.x, view.width), dy: axis(rect.y, rect.height, view.y, view.height) };
}

/**
 * Where blocks go when some grew: `rects` holds every block as it is now (the grown ones at their new size),
 * `before` the grown ones' rects before. A block the growth now covers, and did not cover before, moves just clear of
 * it (a gap away), on the side it already lay: below, above, right or left of the grown block. What that move covers
 * moves in turn. Blocks that already overlapped (put there by the user) stay. Returns the moved blocks' new rects.
 */
export function makeRoom(rects: ReadonlyMap<string, Rect>, before: ReadonlyMap<string, Rect>): Map<string, Rect> {
  const now = new Map(rects);
  const was = new Map(before);
  const queue = [...before.keys()];
  const moved = new Map<string, Rect>();
  // Each move pushes blocks strictly outward, so this ends; the bound only guards against a bug looping.
  for (let steps = 0; queue.length && steps < 50 * rects.size; steps++) {
    const id = queue.shift()!;
    const grown = now.get(id);
    const old = was.get(id);
    if (!grown || !old) continue;
    for (const [otherId, other] of now) {
      if (otherId === id || !overlaps(grown, other) || overlaps(old, other)) continue;
      const clear = moveClear(other, old, grown);
      was.set(otherId, other);
      now.set(otherId, clear);
      moved.set(otherId, clear);
      queue.push(otherId);
    }
  }
  return moved;
}

/** `other` moved just clear of `grown`, on the side of `old` (the grown block before) where it lay. */
function moveClear(other: Rect, old: Rect, grown: Rect): Rect {
  if (other.y >= old.y + old.height) return { ...other, y: grown.y + grown.height + GAP };
  if (other.y + other.height <= old.y) return { ...other, y: grown.y - GAP - other.height };
  if (other.x >= old.x + old.width) return { ...other, x: grown.x + grown.width + GAP };
  return { ...other, x: grown.x - GAP - other.width };
}
