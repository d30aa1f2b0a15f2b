import { describe, expect, it } from 'vitest';
import { findFreeSpot, overlaps, panToShow, rectAround, GAP } from './placement';

const genie = { width: 320, height: 560 };
const note = { width: 240, height: 150 };

describe('placement', () => {
  it('keeps the wanted point when it is free', () => {
    expect(findFreeSpot({ x: 0, y: 0 }, note, [])).toEqual({ x: 0, y: 0 });
  });

  it('never puts a block on top of another, however many are added at one point', () => {
    const taken = [];
    for (let i = 0; i < 12; i++) {
      const size = i % 3 === 0 ? note : genie;
      const spot = findFreeSpot({ x: 500, y: 300 }, size, taken);
      const rect = rectAround(spot, size);
      for (const other of taken) expect(overlaps(rect, other, GAP - 1)).toBe(false);
      taken.push(rect);
    }
  });

  it('finds the nearest free spot, not a far one', () => {
    const taken = [rectAround({ x: 0, y: 0 }, genie)];
    const spot = findFreeSpot({ x: 0, y: 0 }, note, taken);
    expect(Math.hypot(spot.x, spot.y)).toBeLessThan(genie.width / 2 + note.width / 2 + 2 * GAP + 1);
  });

  it('pans just enough to show a block that overflows the view, and not at all when it fits', () => {
    const view = { x: 0, y: 0, width: 1000, height: 600 };
    expect(panToShow({ x: 100, y: 100, width: 300, height: 300 }, view, 16)).toEqual({ dx: 0, dy: 0 });
    expect(panToShow({ x: 100, y: 400, width: 300, height: 500 }, view, 16)).toEqual({ dx: 0, dy: 316 });
    expect(panToShow({ x: -50, y: 100, width: 300, height: 100 }, view, 16)).toEqual({ dx: -66, dy: 0 });
    // Taller than the view: its top goes to the top of the view.
    expect(panToShow({ x: 100, y: 300, width: 300, height: 900 }, view, 16)).toEqual({ dx: 0, dy: 284 });
  });
});
