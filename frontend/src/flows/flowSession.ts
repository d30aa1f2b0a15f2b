import { create } from 'zustand';

/**
 * How the open flow stands against the server's copy (/api/flows). `local`: the server keeps no flows (its API
 * answered 404 or 503, or it cannot be reached); the canvas works on in this browser's storage.
 */
export type SaveState = 'saved' | 'saving' | 'unsaved' | 'conflict' | 'local' | 'error';

export interface FlowSession {
  /** The server revision of the open flow (its ETag), or null when it was never saved there. */
  revision: string | null;
  /** The server name `revision` belongs to; a canvas renamed or imported under another name is a new flow. */
  flowName: string | null;
  saveState: SaveState;
  /** Why the last save failed, in words, for the save state's tooltip. */
  problem: string | null;
  set: (next: Partial<Omit<FlowSession, 'set'>>) => void;
}

export const useFlowSession = create<FlowSession>()((set) => ({
  revision: null,
  flowName: null,
  saveState: 'unsaved',
  problem: null,
  set: (next) => set(next),
}));
