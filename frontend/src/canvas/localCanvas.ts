import { readCanvasDocument, toCanvasDocument, type CanvasSnapshot } from './canvasDocument';

/**
 * The working copy in this browser: always written (debounced), so the canvas works without the server and a reload
 * keeps it. The flow it belongs to on the server (name + revision) is kept beside it.
 */
export const STORAGE_KEY = 'geniecanvas.canvas.v2';
/** The key of the first version; read once and migrated. */
export const V1_STORAGE_KEY = 'geniecanvas.canvas.v1';

export interface LocalCanvas {
  snapshot: CanvasSnapshot;
  /** The server revision this copy was last saved as or loaded from; null when never saved to the server. */
  revision: string | null;
}

export function saveLocalCanvas(snapshot: CanvasSnapshot, revision: string | null, storage: Storage = localStorage): void {
  try {
    storage.setItem(STORAGE_KEY, JSON.stringify({ ...toCanvasDocument(snapshot), revision }));
  } catch {
    // Quota exceeded or storage disabled: the canvas still works, it only is not kept.
  }
}

/** The saved canvas (v2, or v1 migrated), or null when there is none or it cannot be read. */
export function loadLocalCanvas(storage: Storage = localStorage): LocalCanvas | null {
  for (const key of [STORAGE_KEY, V1_STORAGE_KEY]) {
    let parsed: unknown;
    try {
      const text = storage.getItem(key);
      if (text === null) continue;
      parsed = JSON.parse(text);
    } catch {
      continue;
    }
    const result = readCanvasDocument(parsed);
    if (!result.ok) continue;
    const revision = key === STORAGE_KEY && typeof (parsed as { revision?: unknown }).revision === 'string'
      ? (parsed as { revision: string }).revision
      : null;
    return { snapshot: result.snapshot, revision };
  }
  return null;
}
