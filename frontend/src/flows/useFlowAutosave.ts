import { useEffect } from 'react';
import { useCanvasStore } from '../store/canvasStore';
import { useFlowSession } from './flowSession';
import { hasUnsavedChanges, resumeFlow, saveNow } from './flowSync';

/** Saves to the server a second after the last change (a drag or a burst of typing is one save). */
export const AUTOSAVE_MS = 1_000;

export function useFlowAutosave(): void {
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let live = true;
    // No save before the resume knows which revision this canvas stands on: it would be a blind create or replace.
    let resumed = false;
    const schedule = () => {
      clearTimeout(timer);
      if (resumed) timer = setTimeout(() => void saveNow(), AUTOSAVE_MS);
    };
    void resumeFlow().finally(() => {
      resumed = true;
      // Only when the server keeps flows and nothing waits for the user's choice.
      if (live && useFlowSession.getState().saveState === 'unsaved' && hasUnsavedChanges()) schedule();
    });
    const stop = useCanvasStore.subscribe((state, previous) => {
      if (state.nodes === previous.nodes && state.edges === previous.edges && state.name === previous.name) return;
      if (!hasUnsavedChanges()) return; // selection, sizes: nothing to save
      const session = useFlowSession.getState();
      if (session.saveState === 'saved') session.set({ saveState: 'unsaved' });
      schedule();
    });
    return () => {
      live = false;
      clearTimeout(timer);
      stop();
    };
  }, []);
}
