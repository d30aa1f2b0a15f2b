import { describeError } from '../api/describeError';
import {
  DEFAULT_FLOW_NAME,
  isValidFlowName,
  readCanvasDocument,
  toCanvasDocument,
  type CanvasDocument,
} from '../canvas/canvasDocument';
import { resetCanvas, useCanvasStore } from '../store/canvasStore';
import { useFlowSession } from './flowSession';
import { deleteFlow, getFlow, isConflict, isFlowsUnavailable, listFlows, saveFlow, type FlowSummary } from './flowsApi';

/**
 * The open flow against the server's copy: save (create or replace by revision), open, new, rename, delete, and the two
 * ways out of a conflict. Never a silent overwrite: a save always names the revision it replaces.
 */

/** What a save would send: the canvas without its viewport (panning is not a change of the flow). */
export function currentDocument(): CanvasDocument {
  const { name, nodes, edges } = useCanvasStore.getState();
  return toCanvasDocument({ name, nodes, edges });
}

let savedJson: string | null = null;
/** Without a flows API, the server is asked again at most this often (a change may come after it is back). */
const LOCAL_RETRY_MS = 30_000;
let lastLocalTry = 0;
let saving: Promise<void> | null = null;
/** Counts the user's flow changes (open, new, rename, copy): a resume that started before one gives up. */
let epoch = 0;

/** True when the canvas differs from what the server last confirmed. */
export function hasUnsavedChanges(): boolean {
  return JSON.stringify(currentDocument()) !== savedJson;
}

function failed(error: unknown): void {
  const session = useFlowSession.getState();
  if (isConflict(error)) session.set({ saveState: 'conflict', problem: 'Someone saved this flow since you opened it.' });
  else if (isFlowsUnavailable(error)) {
    lastLocalTry = Date.now();
    session.set({ saveState: 'local', problem: 'Flows are kept in this browser only: the server keeps none right now.' });
  } else session.set({ saveState: 'error', problem: describeError(error).title });
}

/** Saves the open flow if it changed. Creates it when it has no revision yet (or was renamed, or imported). */
export async function saveNow(): Promise<void> {
  if (saving) await saving;
  const session = useFlowSession.getState();
  if (session.saveState === 'conflict') return; // waits for the user's choice
  if (session.saveState === 'local') {
    // Asked again now and then by listing (never by a blind PUT); saving resumes once the server keeps flows.
    if (Date.now() - lastLocalTry < LOCAL_RETRY_MS || (await probeFlows()) === null) return;
  }
  const document = currentDocument();
  const json = JSON.stringify(document);
  if (json === savedJson && session.flowName === document.name) return;
  const revision = session.flowName === document.name ? session.revision : null;
  session.set({ saveState: 'saving', problem: null });
  saving = saveFlow(document.name, document, revision).then(
    (next) => {
      savedJson = json;
      useFlowSession.getState().set({ revision: next, flowName: document.name, saveState: hasUnsavedChanges() ? 'unsaved' : 'saved' });
    },
    failed,
  );
  await saving;
  saving = null;
}

/** Loads a flow document from the server into the canvas (undoable), as the open flow. */
function show(name: string, document: unknown, revision: string): string | null {
  const result = readCanvasDocument(document, name);
  if (!result.ok) return result.error;
  epoch++;
  const { snapshot } = result;
  useCanvasStore.getState().replace({ ...snapshot, name });
  savedJson = JSON.stringify(currentDocument());
  useFlowSession.getState().set({ revision, flowName: name, saveState: 'saved', problem: null });
  return null;
}

export async function openFlow(name: string): Promise<string | null> {
  try {
    const { document, revision } = await getFlow(name);
    return show(name, document, revision);
  } catch (error) {
    failed(error);
    return describeError(error).title;
  }
}

/** A 412: show the server's copy instead of mine (mine stays one Ctrl+Z away). */
export async function reloadTheirs(): Promise<string | null> {
  const { flowName } = useFlowSession.getState();
  useFlowSession.getState().set({ saveState: 'saving' });
  return openFlow(flowName ?? useCanvasStore.getState().name);
}

/** A 412: keep mine under a new name ("Sales copy", "Sales copy 2"…), created, so nothing of theirs changes. */
export async function keepMineAsCopy(): Promise<string | null> {
  const taken = new Set((await listFlows().catch(() => [] as FlowSummary[])).map((f) => f.name));
  const name = freeName(useCanvasStore.getState().name, taken);
  epoch++;
  useCanvasStore.getState().rename(name);
  useFlowSession.getState().set({ saveState: 'unsaved', revision: null, flowName: null });
  await saveNow();
  return useFlowSession.getState().saveState === 'saved' ? null : useFlowSession.getState().problem;
}

/** "Sales copy", "Sales copy 2", … : the first name no flow has (names are 1–64 of [A-Za-z0-9 _-]). */
export function freeName(base: string, taken: ReadonlySet<string>): string {
  for (let n = 1; n < 1000; n++) {
    const suffix = n === 1 ? ' copy' : ` copy ${n}`;
    const name = `${base.slice(0, 64 - suffix.length)}${suffix}`;
    if (!taken.has(name)) return name;
  }
  return `${DEFAULT_FLOW_NAME} ${Date.now()}`.slice(0, 64);
}

/** An empty canvas as a new flow, not on the server until its first save. */
export function newFlow(name: string): void {
  epoch++;
  resetCanvas({ name, nodes: [], edges: [] });
  savedJson = null;
  useFlowSession.getState().set({ revision: null, flowName: null, saveState: 'unsaved', problem: null });
}

/** Renames the open flow: created under the new name (If-None-Match: *), then the old one is deleted. */
export async function renameFlow(name: string): Promise<string | null> {
  if (!isValidFlowName(name)) return 'A flow name is 1–64 letters, digits, spaces, "_" or "-".';
  const { flowName, revision, saveState } = useFlowSession.getState();
  if (name === useCanvasStore.getState().name) return null;
  epoch++;
  useCanvasStore.getState().rename(name);
  if (saveState === 'local' || !flowName) {
    await saveNow();
    return null;
  }
  useFlowSession.getState().set({ revision: null, flowName: null });
  await saveNow();
  if (useFlowSession.getState().saveState !== 'saved') {
    return useFlowSession.getState().saveState === 'conflict' ? `A flow named “${name}” exists already.` : useFlowSession.getState().problem;
  }
  await deleteFlow(flowName, revision).catch(() => undefined); // the new copy is safe; an old one left over is no loss
  return null;
}

/** Deletes the open flow on the server and starts an empty one. */
export async function deleteOpenFlow(): Promise<string | null> {
  const { flowName, revision } = useFlowSession.getState();
  if (flowName) {
    try {
      await deleteFlow(flowName, revision);
    } catch (error) {
      if (!isFlowsUnavailable(error)) return describeError(error).title;
    }
  }
  newFlow(DEFAULT_FLOW_NAME);
  return null;
}

/** At start: is there a server to keep flows? (Quietly local when not.) */
export async function probeFlows(): Promise<FlowSummary[] | null> {
  try {
    const flows = await listFlows();
    if (useFlowSession.getState().saveState === 'local') useFlowSession.getState().set({ saveState: 'unsaved', problem: null });
    return flows;
  } catch (error) {
    if (isFlowsUnavailable(error)) {
      lastLocalTry = Date.now();
      useFlowSession.getState().set({ saveState: 'local', problem: 'Flows are kept in this browser only: the server keeps none right now.' });
    } else failed(error);
    return null;
  }
}

/**
 * At start: the canvas this browser kept, against the server's copy of its flow (a reload, or a second tab on the same
 * browser storage). The same content → saved, nothing written. Changes made on the revision the server still has →
 * saved by the next autosave. An empty canvas never saved here (a new browser) → the server's flow of that name is
 * opened. The server's copy moved on while this one differs → a conflict for the user to settle. Gives up when the
 * user opens, starts or renames a flow meanwhile; the autosave waits for it (useFlowAutosave).
 */
export async function resumeFlow(): Promise<void> {
  const started = epoch;
  const mine = currentDocument();
  const mineJson = JSON.stringify(mine);
  const { revision, flowName } = useFlowSession.getState();
  const flows = await probeFlows();
  if (flows === null || epoch !== started) return;
  const { name } = mine;
  if (!flows.some((f) => f.name === name)) {
    // Never saved, or deleted elsewhere since: the next save creates it.
    useFlowSession.getState().set({ revision: null, flowName: null });
    return;
  }
  let server: { document: unknown; revision: string };
  try {
    server = await getFlow(name);
  } catch (error) {
    if (epoch === started) failed(error);
    return;
  }
  if (epoch !== started) return;
  const read = readCanvasDocument(server.document, name);
  const theirs = read.ok ? JSON.stringify(toCanvasDocument({ name, nodes: read.snapshot.nodes, edges: read.snapshot.edges })) : null;
  const session = useFlowSession.getState();
  if (theirs !== null && theirs === mineJson) {
    // What the server keeps is what this browser started from: edits made since are saved by that revision.
    savedJson = theirs;
    session.set({ revision: server.revision, flowName: name, saveState: hasUnsavedChanges() ? 'unsaved' : 'saved', problem: null });
  } else if (flowName === name && revision === server.revision) {
    session.set({ revision, flowName: name, saveState: 'unsaved' });
  } else if (flowName === null && read.ok && isEmpty(currentDocument())) {
    show(name, server.document, server.revision); // nothing of ours to lose
  } else {
    session.set({
      revision,
      flowName: name,
      saveState: 'conflict',
      problem: flowName === null
        ? `A flow named “${name}” is already saved on the server.`
        : 'This flow was saved elsewhere since this browser last saved it.',
    });
  }
}

const isEmpty = (document: CanvasDocument) => document.nodes.length === 0 && document.edges.length === 0;

/** For tests: forget what was saved. */
export function resetFlowSync(): void {
  savedJson = null;
  saving = null;
  lastLocalTry = 0;
}
