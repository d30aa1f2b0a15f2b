import { beforeEach, describe, expect, it } from 'vitest';
import { HISTORY_LIMIT, PASTE_OFFSET, redo, resetCanvas, undo, useCanvasStore } from './canvasStore';
import { createBlock } from '../nodes/blocks';
import type { AppNode } from '../nodes/types';

const store = () => useCanvasStore.getState();
const history = () => useCanvasStore.temporal.getState();
const genie = (x: number, y: number, spaceId = 's1') => createBlock('genie', { x, y }, spaceId);

beforeEach(() => {
  resetCanvas({ name: 'Untitled flow', nodes: [], edges: [] });
  useCanvasStore.setState({ clipboard: null });
});

describe('canvas store: undo and redo', () => {
  it('undoes and redoes an add, a delete with its edges, and a clear', () => {
    const a = genie(0, 0);
    const b = genie(400, 0);
    store().addNode(a);
    store().addNode(b);
    store().onConnect({ source: a.id, target: b.id, sourceHandle: null, targetHandle: null });
    expect(store().edges).toHaveLength(1);

    store().onNodesChange([{ type: 'remove', id: a.id }]);
    expect(store().nodes.map((n) => n.id)).toEqual([b.id]);
    expect(store().edges).toEqual([]);
    undo(); // one step brings the block and its edge back
    expect(store().nodes.map((n) => n.id)).toEqual([a.id, b.id]);
    expect(store().edges).toHaveLength(1);

    store().clear();
    expect(store().nodes).toEqual([]);
    undo();
    expect(store().nodes).toHaveLength(2);
    redo();
    expect(store().nodes).toEqual([]);
  });

  it('does not record selection or size changes as steps', () => {
    const a = genie(0, 0);
    store().addNode(a);
    const steps = history().pastStates.length;
    store().onNodesChange([{ type: 'select', id: a.id, selected: true }]);
    store().onNodesChange([{ type: 'dimensions', id: a.id, dimensions: { width: 320, height: 500 } }]);
    expect(history().pastStates.length).toBe(steps);
  });

  it('records a drag once, as the position before it', () => {
    const a = genie(0, 0);
    store().addNode(a);
    const steps = history().pastStates.length;
    store().beginDrag();
    for (let x = 1; x <= 30; x++) store().onNodesChange([{ type: 'position', id: a.id, position: { x, y: 0 }, dragging: true }]);
    store().endDrag();
    expect(history().pastStates.length).toBe(steps + 1);
    undo();
    expect(store().nodes[0]!.position).toEqual({ x: 0, y: 0 });
    redo();
    expect(store().nodes[0]!.position).toEqual({ x: 30, y: 0 });
  });

  it(`keeps at least ${HISTORY_LIMIT} steps`, () => {
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) store().addNode(genie(i * 400, 0));
    expect(history().pastStates.length).toBe(HISTORY_LIMIT);
    undo(HISTORY_LIMIT);
    expect(store().nodes).toHaveLength(20);
  });

  it('refuses a block connected to itself', () => {
    const a = genie(0, 0);
    store().addNode(a);
    store().onConnect({ source: a.id, target: a.id, sourceHandle: null, targetHandle: null });
    expect(store().edges).toEqual([]);
  });
});

describe('canvas store: copy, paste, duplicate', () => {
  function selectedPair() {
    const a = genie(0, 0, 'sa');
    const b = createBlock('note', { x: 400, y: 0 });
    const c = genie(800, 0, 'sc');
    for (const n of [a, b, c]) store().addNode(n);
    store().onConnect({ source: a.id, target: b.id, sourceHandle: null, targetHandle: null });
    store().onConnect({ source: b.id, target: c.id, sourceHandle: null, targetHandle: null });
    store().onNodesChange([
      { type: 'select', id: a.id, selected: true },
      { type: 'select', id: b.id, selected: true },
    ]);
    return { a, b, c };
  }

  it('pastes copies with new ids, offset each time, with the edges between copied blocks only', () => {
    const { a, b } = selectedPair();
    expect(store().copySelection()).toBe(2);

    const first = store().paste();
    expect(first).toHaveLength(2);
    expect(first.map((n) => n.id)).not.toContain(a.id);
    expect(first[0]!.position).toEqual({ x: PASTE_OFFSET, y: PASTE_OFFSET });
    expect(first[0]!.data).toEqual({ spaceId: 'sa' });
    const pastedEdges = store().edges.filter((e) => first.some((n) => n.id === e.source));
    expect(pastedEdges).toEqual([expect.objectContaining({ source: first[0]!.id, target: first[1]!.id })]);
    // What was selected is not any more; the copies are.
    expect(store().nodes.filter((n) => n.selected).map((n) => n.id)).toEqual(first.map((n) => n.id));

    const second = store().paste();
    expect(second[0]!.position).toEqual({ x: 2 * PASTE_OFFSET, y: 2 * PASTE_OFFSET });
    expect(store().nodes).toHaveLength(7);
    expect(new Set(store().nodes.map((n) => n.id)).size).toBe(7);
    undo();
    expect(store().nodes).toHaveLength(5);
    expect(store().nodes.some((n) => n.id === b.id)).toBe(true);
  });

  it('copies data, not references: editing a copy leaves the original alone', () => {
    const note: AppNode = { ...createBlock('note', { x: 0, y: 0 }), data: { text: 'hello' }, selected: true } as AppNode;
    store().addNode(note);
    const [copy] = store().duplicate([note.id]);
    store().updateNodeData(copy!.id, { text: 'changed' });
    expect(store().nodes.find((n) => n.id === note.id)!.data).toEqual({ text: 'hello' });
  });

  it('pastes nothing before anything was copied, and copies nothing without a selection', () => {
    store().addNode(genie(0, 0));
    store().onNodesChange([{ type: 'select', id: store().nodes[0]!.id, selected: false }]);
    expect(store().copySelection()).toBe(0);
    expect(store().paste()).toEqual([]);
  });
});

describe('canvas store: a block that changes size', () => {
  const note = (x: number, y: number) => createBlock('note', { x, y }, null);
  const measure = (id: string, width: number, height: number) =>
    store().onNodesChange([{ type: 'dimensions', id, dimensions: { width, height } }]);
  const top = (node: AppNode) => node.position.y - node.measured!.height! / 2;
  const bottom = (node: AppNode) => node.position.y + node.measured!.height! / 2;

  it('keeps its top edge and moves the neighbour below clear of it; one undo takes back the answer and the moves', () => {
    const block = genie(0, 0);
    const below = note(0, 500);
    store().addNode(block);
    store().addNode(below);
    measure(block.id, 320, 734); // loaded, within the size placement keeps free: top at -367
    measure(below.id, 240, 150); // top at 425
    const steps = history().pastStates.length;
    store().updateNodeData(block.id, { conversationId: 'c1' });
    measure(block.id, 320, 1000); // the answer arrived
    const [grown, moved] = store().nodes;
    expect(top(grown!)).toBe(-367);
    expect(top(moved!)).toBe(bottom(grown!) + 32);
    expect(history().pastStates).toHaveLength(steps + 1); // the answer; the moves are not steps of their own
    undo();
    expect(store().nodes[0]!.data).not.toHaveProperty('conversationId');
    expect(store().nodes[0]!.position).toEqual({ x: 0, y: 0 });
    expect(store().nodes[1]!.position).toEqual({ x: 0, y: 500 });
    redo();
    expect(store().nodes[0]!.position).toEqual(grown!.position);
    expect(store().nodes[1]!.position).toEqual(moved!.position);
  });

  it('keeps its top edge when it shrinks back (the SQL folded), and moves nothing else', () => {
    const block = genie(0, 0);
    store().addNode(block);
    measure(block.id, 320, 734);
    measure(block.id, 320, 1000);
    measure(block.id, 320, 800);
    expect(top(store().nodes[0]!)).toBe(-367);
  });

  it('moves nothing when first drawn or while loading into its kept size (a flow opened), nor during a drag', () => {
    const block = genie(0, 0);
    const close = note(0, 300); // within the 740 px a Genie block keeps free: put there by the user
    store().addNode(block);
    store().addNode(close);
    const steps = history().pastStates.length;
    measure(close.id, 240, 150);
    measure(block.id, 320, 120); // first drawn: "Loading space…"
    measure(block.id, 320, 1000); // the space and its kept conversation arrive at once (a reload)
    expect(store().nodes.map((n) => n.position)).toEqual([{ x: 0, y: 0 }, { x: 0, y: 300 }]);
    expect(history().pastStates).toHaveLength(steps);
    store().onNodesChange([{ type: 'position', id: block.id, position: { x: 0, y: 0 }, dragging: true }]);
    measure(block.id, 320, 1400);
    expect(store().nodes[0]!.position).toEqual({ x: 0, y: 0 });
  });
});
