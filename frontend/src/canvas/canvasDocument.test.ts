import { describe, expect, it } from 'vitest';
import { readCanvasDocument, readCanvasFile, toCanvasDocument, MAX_DOCUMENT_BYTES } from './canvasDocument';
import { loadLocalCanvas, saveLocalCanvas, STORAGE_KEY, V1_STORAGE_KEY } from './localCanvas';
import type { AppNode } from '../nodes/types';

const nodes: AppNode[] = [
  { id: 'g', type: 'genie', position: { x: 10, y: 20 }, data: { spaceId: 'space_1' }, selected: true, measured: { width: 320, height: 500 } },
  { id: 'n', type: 'note', position: { x: 400, y: 20 }, data: { text: 'hi' } },
];
const edges = [{ id: 'e', source: 'g', target: 'n', selected: true }];

function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() { return map.size; },
    clear: () => map.clear(),
    getItem: (k) => map.get(k) ?? null,
    key: (i) => [...map.keys()][i] ?? null,
    removeItem: (k) => void map.delete(k),
    setItem: (k, v) => void map.set(k, v),
  };
}

describe('canvas document', () => {
  it('round-trips what the user built and nothing else (no selection, no sizes)', () => {
    const doc = toCanvasDocument({ name: 'Sales flow', nodes, edges, viewport: { x: 1, y: 2, zoom: 1.5 } });
    expect(doc).toMatchObject({ format: 'geniecanvas', version: 2, name: 'Sales flow' });
    expect(JSON.stringify(doc)).not.toMatch(/selected|measured/);
    const back = readCanvasDocument(JSON.parse(JSON.stringify(doc)));
    expect(back).toEqual({
      ok: true,
      dropped: 0,
      snapshot: {
        name: 'Sales flow',
        viewport: { x: 1, y: 2, zoom: 1.5 },
        nodes: [
          { id: 'g', type: 'genie', position: { x: 10, y: 20 }, data: { spaceId: 'space_1' } },
          { id: 'n', type: 'note', position: { x: 400, y: 20 }, data: { text: 'hi' } },
        ],
        edges: [{ id: 'e', source: 'g', target: 'n' }],
      },
    });
  });

  it('migrates a v1 canvas from localStorage, keeping its blocks, edges and viewport', () => {
    const storage = memoryStorage();
    storage.setItem(V1_STORAGE_KEY, JSON.stringify({
      version: 1,
      viewport: { x: 5, y: 6, zoom: 0.8 },
      nodes: [
        { id: 'a', type: 'genie', position: { x: 1, y: 2 }, data: { spaceId: '01f0eca3dc1b1cbc9b65fa58f94c18ad' } },
        { id: 'b', type: 'genie', position: { x: 3, y: 4 }, data: { spaceId: null } },
        { id: 'c', type: 'note', position: { x: 5, y: 6 }, data: { text: 'kept' } },
      ],
      edges: [{ id: 'ab', source: 'a', target: 'b' }],
    }));
    const loaded = loadLocalCanvas(storage);
    expect(loaded?.revision).toBeNull();
    expect(loaded?.snapshot).toMatchObject({
      name: 'Untitled flow',
      viewport: { x: 5, y: 6, zoom: 0.8 },
      nodes: [
        { id: 'a', data: { spaceId: '01f0eca3dc1b1cbc9b65fa58f94c18ad' } },
        { id: 'b', data: { spaceId: null } },
        { id: 'c', data: { text: 'kept' } },
      ],
      edges: [{ id: 'ab', source: 'a', target: 'b' }],
    });
    // Saved again, it is v2 under the new key, and that one wins from then on.
    saveLocalCanvas({ ...loaded!.snapshot, name: 'Mine' }, '7', storage);
    expect(JSON.parse(storage.getItem(STORAGE_KEY)!)).toMatchObject({ format: 'geniecanvas', version: 2, name: 'Mine', revision: '7' });
    expect(loadLocalCanvas(storage)).toMatchObject({ revision: '7', snapshot: { name: 'Mine' } });
  });

  it('keeps what it can of a damaged saved canvas', () => {
    const result = readCanvasDocument({
      format: 'geniecanvas', version: 2, name: 'x',
      nodes: [{ id: 'a', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId: 'bad id!' } }, { id: 'z', type: 'rocket', position: { x: 0, y: 0 } }],
      edges: [{ id: 'e', source: 'a', target: 'missing' }, { id: 'self', source: 'a', target: 'a' }],
    });
    expect(result).toMatchObject({ ok: true, dropped: 3, snapshot: { nodes: [{ id: 'a', data: { spaceId: null } }], edges: [] } });
  });
});

describe('importing a file', () => {
  const good = JSON.stringify(toCanvasDocument({ name: 'Imported', nodes, edges: [] }));

  it('accepts an exported canvas', () => {
    expect(readCanvasFile(good)).toMatchObject({ ok: true, snapshot: { name: 'Imported', nodes: [{ id: 'g' }, { id: 'n' }] } });
  });

  it.each([
    ['not JSON', 'hello', /not JSON/],
    ['a foreign JSON file', JSON.stringify({ name: 'package', dependencies: {} }), /not a GenieCanvas file/],
    ['an array', '[1,2]', /not a GenieCanvas file/],
    ['a newer version', JSON.stringify({ format: 'geniecanvas', version: 3, name: 'x', nodes: [] }), /version 3/],
    ['a bad name', JSON.stringify({ format: 'geniecanvas', version: 2, name: 'a/b', nodes: [] }), /name is not valid/],
    ['no nodes', JSON.stringify({ format: 'geniecanvas', version: 2, name: 'x' }), /no list of blocks/],
    ['an unknown block type', JSON.stringify({ format: 'geniecanvas', version: 2, name: 'x', nodes: [{ id: 'a', type: 'rocket', position: { x: 0, y: 0 } }] }), /1 entry does not check out/],
  ])('refuses %s with a clear message', (_what, text, message) => {
    const result = readCanvasFile(text);
    expect(result.ok).toBe(false);
    expect(result.ok ? '' : result.error).toMatch(message);
  });

  it('refuses a file over 512 KiB before reading it', () => {
    const big = JSON.stringify({ format: 'geniecanvas', version: 2, name: 'x', nodes: [], pad: 'x'.repeat(MAX_DOCUMENT_BYTES) });
    expect(readCanvasFile(big)).toMatchObject({ ok: false, error: expect.stringMatching(/512 KiB/) });
  });
});
