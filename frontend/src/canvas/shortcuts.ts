/** The canvas's keyboard shortcuts: what the "?" panel lists and what useShortcuts does. Mod is Ctrl, or Cmd on a Mac. */
export const SHORTCUTS: ReadonlyArray<{ keys: string; does: string }> = [
  { keys: 'Delete / Backspace', does: 'Delete the selected blocks and edges' },
  { keys: 'Mod+Z', does: 'Undo' },
  { keys: 'Shift+Mod+Z / Ctrl+Y', does: 'Redo' },
  { keys: 'Mod+C', does: 'Copy the selected blocks' },
  { keys: 'Mod+V', does: 'Paste (offset, with the edges between them)' },
  { keys: 'Mod+D', does: 'Duplicate the selected blocks' },
  { keys: 'Mod+A', does: 'Select every block' },
  { keys: 'Shift+drag', does: 'Select with a box' },
  { keys: 'Shift+click / Mod+click', does: 'Add a block to the selection' },
  { keys: 'Enter / Space on a palette block', does: 'Add it to the canvas, into free space' },
  { keys: '?', does: 'Show this list' },
];

export type ShortcutAction = 'delete' | 'undo' | 'redo' | 'copy' | 'paste' | 'duplicate' | 'selectAll' | 'help';

/** True while the user types: no shortcut may take a key from a text field. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'submit', 'reset', 'file', 'range', 'color'].includes(target.type);
  return false;
}

/** The action a key press stands for, or null. */
export function shortcutFor(event: Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>): ShortcutAction | null {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  if (event.altKey) return null;
  if (!mod && (event.key === 'Delete' || event.key === 'Backspace')) return 'delete';
  if (!mod && event.key === '?') return 'help';
  if (!mod) return null;
  if (key === 'z') return event.shiftKey ? 'redo' : 'undo';
  if (key === 'y' && event.ctrlKey && !event.shiftKey) return 'redo';
  if (event.shiftKey) return null;
  if (key === 'c') return 'copy';
  if (key === 'v') return 'paste';
  if (key === 'd') return 'duplicate';
  if (key === 'a') return 'selectAll';
  return null;
}
