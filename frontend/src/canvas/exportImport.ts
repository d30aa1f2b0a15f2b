import { readCanvasFile, toCanvasDocument, type CanvasSnapshot, type ReadResult } from './canvasDocument';

export const FILE_SUFFIX = '.geniecanvas.json';

/** Downloads the canvas as `<name>.geniecanvas.json`. */
export function exportCanvas(snapshot: CanvasSnapshot): string {
  const fileName = `${snapshot.name.trim().replace(/\s+/g, '-') || 'canvas'}${FILE_SUFFIX}`;
  const blob = new Blob([JSON.stringify(toCanvasDocument(snapshot), null, 2)], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
  return fileName;
}

/** Reads a picked or dropped file with the same rules as the saved canvas; a bad file changes nothing. */
export async function importCanvasFile(file: File): Promise<ReadResult> {
  if (file.size > 512 * 1024) return { ok: false, error: `${file.name} is over 512 KiB, the largest canvas GenieCanvas keeps.` };
  let text: string;
  try {
    text = await file.text();
  } catch {
    return { ok: false, error: `${file.name} could not be read.` };
  }
  const result = readCanvasFile(text);
  return result.ok ? result : { ok: false, error: `${file.name}: ${result.error}` };
}
