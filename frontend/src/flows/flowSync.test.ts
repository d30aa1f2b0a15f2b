import { beforeEach, describe, expect, it } from 'vitest';
import { freeName, keepMineAsCopy, newFlow, openFlow, probeFlows, reloadTheirs, renameFlow, resetFlowSync, resumeFlow, saveNow } from './flowSync';
import { useFlowSession } from './flowSession';
import { resetCanvas, undo, useCanvasStore } from '../store/canvasStore';
import { createBlock } from '../nodes/blocks';
import { toCanvasDocument } from '../canvas/canvasDocument';
import { sendProblem } from '../test/loopbackServer';
import { withFlowsServer } from '../test/flowsContract';

const { server, current } = withFlowsServer();
let contract = current();
beforeEach(() => {
  contract = current();
  resetFlowSync();
  resetCanvas({ name: 'Untitled flow', nodes: [], edges: [] });
  useFlowSession.setState({ revision: null, flowName: null, saveState: 'unsaved', problem: null });
});

const session = () => useFlowSession.getState();
const addNote = (text: string) => {
  const note = createBlock('note', { x: 0, y: 0 });
  useCanvasStore.getState().addNode({ ...note, data: { text } } as typeof note);
};
const puts = () => server.requests.filter((r) => r.startsWith('/api/flows/'));

describe('flow sync', () => {
  it('creates the flow on its first save, then replaces it by revision, and skips a save without changes', async () => {
    newFlow('Sales flow');
    addNote('one');
    await saveNow();
    expect(session()).toMatchObject({ saveState: 'saved', flowName: 'Sales flow', revision: '1' });
    addNote('two');
    await saveNow();
    expect(session()).toMatchObject({ saveState: 'saved', revision: '2' });
    const count = puts().length;
    await saveNow();
    expect(puts().length).toBe(count);
    expect((contract.flows.get('Sales flow')!.document as { nodes: unknown[] }).nodes).toHaveLength(2);
  });

  it('on a conflict saves nothing more until the user chooses; "reload theirs" shows their copy, mine one undo away', async () => {
    newFlow('Shared');
    addNote('mine');
    await saveNow();
    contract.saveFromElsewhere('Shared', toCanvasDocument({ name: 'Shared', nodes: [], edges: [] }));
    addNote('mine again');
    await saveNow();
    expect(session().saveState).toBe('conflict');
    const count = puts().length;
    addNote('still mine');
    await saveNow();
    expect(puts().length).toBe(count); // never a silent overwrite

    expect(await reloadTheirs()).toBeNull();
    expect(session()).toMatchObject({ saveState: 'saved', revision: '2' });
    expect(useCanvasStore.getState().nodes).toEqual([]);
    undo();
    expect(useCanvasStore.getState().nodes).toHaveLength(3);
  });

  it('on a conflict "keep mine as a copy" creates "<name> copy" and leaves theirs alone', async () => {
    newFlow('Shared');
    addNote('mine');
    await saveNow();
    contract.saveFromElsewhere('Shared', { format: 'geniecanvas', version: 2, name: 'Shared', nodes: [], edges: [] });
    addNote('mine again');
    await saveNow();
    expect(await keepMineAsCopy()).toBeNull();
    expect(useCanvasStore.getState().name).toBe('Shared copy');
    expect(session()).toMatchObject({ saveState: 'saved', flowName: 'Shared copy' });
    expect((contract.flows.get('Shared copy')!.document as { nodes: unknown[] }).nodes).toHaveLength(2);
    expect((contract.flows.get('Shared')!.document as { nodes: unknown[] }).nodes).toHaveLength(0);
  });

  it('opens a flow from the server and renames it (created under the new name, the old one deleted)', async () => {
    contract.saveFromElsewhere('Theirs', toCanvasDocument({ name: 'Theirs', nodes: [createBlock('note', { x: 1, y: 2 })], edges: [] }));
    expect(await openFlow('Theirs')).toBeNull();
    expect(useCanvasStore.getState()).toMatchObject({ name: 'Theirs', nodes: [{ type: 'note', position: { x: 1, y: 2 } }] });

    expect(await renameFlow('bad/name')).toMatch(/1–64/);
    expect(await renameFlow('Mine now')).toBeNull();
    expect([...contract.flows.keys()]).toEqual(['Mine now']);
    expect(session()).toMatchObject({ saveState: 'saved', flowName: 'Mine now' });
  });

  it('keeps working locally, quietly, when the server has no flows API', async () => {
    server.handle((_req, res) => {
      res.writeHead(404).end();
    });
    expect(await probeFlows()).toBeNull();
    expect(session().saveState).toBe('local');
    addNote('offline');
    await saveNow();
    expect(session().saveState).toBe('local');
    expect(useCanvasStore.getState().nodes).toHaveLength(1);
  });

  it('on a reload resumes the saved flow without writing, even when the kept copy lacks the revision', async () => {
    newFlow('Kept');
    addNote('saved once');
    await saveNow();
    // A reload: the same canvas from browser storage, before its revision was written beside it.
    resetFlowSync();
    useFlowSession.setState({ revision: null, flowName: null, saveState: 'unsaved', problem: null });
    await resumeFlow();
    expect(session()).toMatchObject({ saveState: 'saved', flowName: 'Kept', revision: '1' });
    const count = puts().length; // the resume's own GET of the flow included
    await saveNow();
    expect(puts().length).toBe(count);
  });

  it('on a reload saves changes made on the revision the server still has, by that revision', async () => {
    newFlow('Kept');
    addNote('saved once');
    await saveNow();
    resetFlowSync();
    addNote('changed offline');
    await resumeFlow();
    expect(session().saveState).toBe('unsaved');
    await saveNow();
    expect(session()).toMatchObject({ saveState: 'saved', revision: '2' });
  });

  it('on a reload is a conflict when the server copy moved on and this one differs (a second tab saved)', async () => {
    newFlow('Kept');
    addNote('mine');
    await saveNow();
    contract.saveFromElsewhere('Kept', toCanvasDocument({ name: 'Kept', nodes: [], edges: [] }));
    resetFlowSync();
    await resumeFlow();
    expect(session().saveState).toBe('conflict');
    const count = puts().length;
    await saveNow();
    expect(puts().length).toBe(count);
    expect((contract.flows.get('Kept')!.document as { nodes: unknown[] }).nodes).toEqual([]);
  });

  it('on a reload with an edit made while it resumes: no conflict, the edit saved by the resumed revision', async () => {
    newFlow('Kept');
    addNote('saved once');
    await saveNow();
    resetFlowSync();
    useFlowSession.setState({ revision: null, flowName: null, saveState: 'unsaved', problem: null });
    const resuming = resumeFlow();
    addNote('typed at once'); // before the list or the flow came back
    await resuming;
    expect(session()).toMatchObject({ saveState: 'unsaved', revision: '1', flowName: 'Kept' });
    await saveNow();
    expect(session()).toMatchObject({ saveState: 'saved', revision: '2' });
  });

  it('gives up when the user starts another flow while it resumes', async () => {
    newFlow('Kept');
    addNote('saved once');
    await saveNow();
    contract.saveFromElsewhere('Kept', toCanvasDocument({ name: 'Kept', nodes: [], edges: [] }));
    resetFlowSync();
    const resuming = resumeFlow();
    newFlow('Other');
    await resuming;
    expect(session()).toMatchObject({ saveState: 'unsaved', flowName: null, revision: null });
    expect(useCanvasStore.getState().name).toBe('Other');
  });

  it('in a new browser (empty canvas, never saved here) opens the server\'s flow of that name', async () => {
    const note = createBlock('note', { x: 0, y: 0 });
    contract.saveFromElsewhere('Untitled flow', toCanvasDocument({ name: 'Untitled flow', nodes: [{ ...note, data: { text: 'theirs' } } as typeof note], edges: [] }));
    await resumeFlow();
    expect(session()).toMatchObject({ saveState: 'saved', flowName: 'Untitled flow', revision: '1' });
    expect(useCanvasStore.getState().nodes).toHaveLength(1);
  });

  it('says a flow of that name is already on the server when this browser never saved its own', async () => {
    contract.saveFromElsewhere('Untitled flow', toCanvasDocument({ name: 'Untitled flow', nodes: [], edges: [] }));
    addNote('mine, never saved');
    await resumeFlow();
    expect(session().saveState).toBe('conflict');
    expect(session().problem).toContain('already saved on the server');
  });

  it('finds a free copy name within the name rule', () => {
    expect(freeName('Sales', new Set(['Sales copy']))).toBe('Sales copy 2');
    expect(freeName('x'.repeat(64), new Set())).toMatch(/^x{59} copy$/);
  });
});

describe('flow sync without a flows API', () => {
  it('does not PUT blindly while local, and saves again once the list answers', async () => {
    let present = false;
    server.handle((req, res, url) => {
      if (!present) return sendProblem(res, 404, 'NOT_FOUND', 'no route');
      if (!contract.handle(req, res, url)) sendProblem(res, 404, 'NOT_FOUND', 'no route');
    });
    expect(await probeFlows()).toBeNull();
    addNote('offline');
    await saveNow();
    expect(server.requests.filter((r) => r.startsWith('/api/flows/'))).toEqual([]);

    present = true;
    resetFlowSync(); // stands for the 30 s between two asks
    await saveNow();
    expect(session().saveState).toBe('saved');
    expect(contract.flows.has('Untitled flow')).toBe(true);
  });
});
