import { describe, expect, it } from 'vitest';
import { findFreeSpot, makeRoom, overlaps, panToShow, rectAround, GAP, type Rect } from './placement';

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

  describe('makeRoom', () => {
    const box = (x: number, y: number, width = 100, height = 100): Rect => ({ x, y, width, height });

    it('moves a block the growth now covers just clear of it, on its side, and what that move covers in turn', () => {
      const before = box(0, 0, 100, 100);
      const grown = box(0, -100, 100, 300); // grew around its centre: 100 up, 100 down
      const rects = new Map([
        ['grown', grown],
        ['below', box(0, 100 + GAP)],
        ['under-below', box(0, 200 + 2 * GAP)],
        ['above', box(0, -100 - GAP)],
        ['far-right', box(500, 0)],
      ]);
      const moved = makeRoom(rects, new Map([['grown', before]]));
      expect(moved.get('below')).toEqual(box(0, 200 + GAP));
      expect(moved.get('under-below')).toEqual(box(0, 300 + 2 * GAP));
      expect(moved.get('above')).toEqual(box(0, -200 - GAP));
      expect(moved.has('far-right')).toBe(false);
      const all = new Map([...rects, ...moved]);
      for (const [a, ra] of all) for (const [b, rb] of all) if (a < b) expect(overlaps(ra, rb)).toBe(false);
    });

    it('moves a block beside it sideways when the block grew wider', () => {
      const moved = makeRoom(new Map([['grown', box(0, 0, 300, 100)], ['right', box(150, 0)]]), new Map([['grown', box(0, 0, 100, 100)]]));
      expect(moved.get('right')).toEqual(box(300 + GAP, 0));
    });

    it('leaves a block the user had already put on top of it', () => {
      const moved = makeRoom(new Map([['grown', box(0, 0, 100, 300)], ['on-top', box(10, 10)]]), new Map([['grown', box(0, 0, 100, 100)]]));
      expect(moved.size).toBe(0);
    });
  });
});
