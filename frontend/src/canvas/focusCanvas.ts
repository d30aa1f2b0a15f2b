/** Where focus goes when what had it disappears (a deleted block, a cleared canvas): the canvas itself. */
export const CANVAS_ID = 'canvas';

export function focusCanvas(): void {
  document.getElementById(CANVAS_ID)?.focus();
}
