import { beforeEach, describe, expect, it } from 'vitest';
import { STORAGE_KEY, clearCanvas, loadCanvas, saveCanvas } from './persistence';
import type { AppEdge, AppNode } from '../nodes/types';
import { GENIE_ORIGIN } from '../nodes/blocks';

const genie: AppNode = {
  id: 'g1',
  type: 'genie',
  position: { x: 10, y: 20 },
  data: { spaceId: '01f0eca3dc1b1cbc9b65fa58f94c18ad' },
  selected: true,
  measured: { width: 320, height: 400 },
};
const note: AppNode = { id: 'n1', type: 'note', position: { x: -5, y: 0.5 }, data: { text: 'Ask about revenue' } };
const edge: AppEdge = { id: 'e1', source: 'n1', target: 'g1', selected: true, animated: true };

beforeEach(() => localStorage.clear());

describe('canvas persistence', () => {
  it('round-trips nodes, positions, space ids, note text and edges', () => {
    saveCanvas([genie, note], [edge]);
    expect(loadCanvas()).toEqual({
      nodes: [
        {
          id: 'g1',
          type: 'genie',
          position: { x: 10, y: 20 },
          origin: GENIE_ORIGIN,
          data: { spaceId: '01f0eca3dc1b1cbc9b65fa58f94c18ad' },
        },
        { id: 'n1', type: 'note', position: { x: -5, y: 0.5 }, data: { text: 'Ask about revenue' } },
      ],
      edges: [{ id: 'e1', source: 'n1', target: 'g1' }],
    });
  });

  it('restores the viewport the user left, clamping an impossible zoom', () => {
    saveCanvas([note], [], { x: -120, y: 40.5, zoom: 1.25 });
    expect(loadCanvas()?.viewport).toEqual({ x: -120, y: 40.5, zoom: 1.25 });
    saveCanvas([note], [], { x: 0, y: 0, zoom: 50 });
    expect(loadCanvas()?.viewport).toEqual({ x: 0, y: 0, zoom: 2 });
  });

  it('ignores a viewport that is not numbers', () => {
    localStorage.setItem(STORAGE_KEY, JSON.stringify({ version: 1, nodes: [], edges: [], viewport: { x: 'a', y: 0, zoom: 1 } }));
    expect(loadCanvas()).toEqual({ nodes: [], edges: [] });
  });

  it('saves only what the user chose: no selection, sizes or fetched space data', () => {
    const withFetched = { ...genie, data: { ...genie.data, display_name: 'Sales' } } as unknown as AppNode;
    saveCanvas([withFetched], []);
    const text = localStorage.getItem(STORAGE_KEY) ?? '';
    expect(text).not.toContain('selected');
    expect(text).not.toContain('measured');
    // data is written as given (the canvas never puts fetched data there); on load only the space id is kept.
    expect(loadCanvas()?.nodes[0]?.data).toEqual({ spaceId: '01f0eca3dc1b1cbc9b65fa58f94c18ad' });
  });

  it('keeps a new block that still waits for the default space', () => {
    saveCanvas([{ id: 'g2', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId: null } }], []);
    expect(loadCanvas()?.nodes[0]?.data).toEqual({ spaceId: null });
  });

  it('returns null when nothing was saved', () => {
    expect(loadCanvas()).toBeNull();
  });

  it('clear removes the saved canvas', () => {
    saveCanvas([genie], []);
    clearCanvas();
    expect(localStorage.getItem(STORAGE_KEY)).toBeNull();
    expect(loadCanvas()).toBeNull();
  });

  it.each([
    ['not JSON', '{nodes: ['],
    ['JSON null', 'null'],
    ['an array', '[]'],
    ['another version', JSON.stringify({ version: 2, nodes: [], edges: [] })],
    ['nodes not a list', JSON.stringify({ version: 1, nodes: 'g1' })],
  ])('ignores corrupt storage: %s', (_name, text) => {
    localStorage.setItem(STORAGE_KEY, text);
    expect(loadCanvas()).toBeNull();
  });

  it('drops entries that do not check out and keeps the rest', () => {
    localStorage.setItem(
      STORAGE_KEY,
      JSON.stringify({
        version: 1,
        nodes: [
          { id: 'ok', type: 'genie', position: { x: 1, y: 2 }, data: { spaceId: 'abc' } },
          { id: 'ok', type: 'note', position: { x: 1, y: 2 }, data: { text: 'duplicate id' } },
          { id: 'script', type: 'iframe', position: { x: 0, y: 0 }, data: {} },
          { id: 'nopos', type: 'note', data: { text: '' } },
          { id: 'nan', type: 'note', position: { x: 'a', y: 0 }, data: { text: '' } },
          { id: 'badid', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId: '../../etc' } },
          { id: 'note', type: 'note', position: { x: 0, y: 0 }, data: { text: 42 } },
          'garbage',
        ],
        edges: [
          { id: 'e1', source: 'ok', target: 'badid' },
          { id: 'e2', source: 'ok', target: 'missing' },
          { id: 'e3', source: 'ok' },
          { id: 'e1', source: 'ok', target: 'note' },
        ],
      }),
    );
    expect(loadCanvas()).toEqual({
      nodes: [
        { id: 'ok', type: 'genie', position: { x: 1, y: 2 }, origin: GENIE_ORIGIN, data: { spaceId: 'abc' } },
        // A bad space id is not sent anywhere: the block falls back to the default space.
        { id: 'badid', type: 'genie', position: { x: 0, y: 0 }, origin: GENIE_ORIGIN, data: { spaceId: null } },
        { id: 'note', type: 'note', position: { x: 0, y: 0 }, data: { text: '' } },
      ],
      edges: [{ id: 'e1', source: 'ok', target: 'badid' }],
    });
  });

  it('keeps working when storage refuses to write or read', () => {
    const broken = {
      getItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
      setItem: () => {
        throw new DOMException('full', 'QuotaExceededError');
      },
      removeItem: () => {
        throw new DOMException('denied', 'SecurityError');
      },
    } as unknown as Storage;
    expect(() => saveCanvas([genie], [], null, broken)).not.toThrow();
    expect(loadCanvas(broken)).toBeNull();
    expect(() => clearCanvas(broken)).not.toThrow();
  });
});
