import { useEffect } from 'react';
import { redo, undo, useCanvasStore } from '../store/canvasStore';
import { isTyping, shortcutFor } from './shortcuts';
import { focusCanvas } from './focusCanvas';

/**
 * The canvas's keys, on the window: never while the user types in a field, never inside a dialog (the space picker
 * and the shortcuts panel have their own keys). `announce` says what happened, for screen readers.
 */
export function useShortcuts(options: { announce: (text: string) => void; onHelp: () => void; onPasted: (count: number) => void }) {
  const { announce, onHelp, onPasted } = options;
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target)) return;
      if (event.target instanceof Element && event.target.closest('dialog, [role="dialog"], [role="menu"]')) return;
      const action = shortcutFor(event);
      if (!action) return;
      const store = useCanvasStore.getState();
      switch (action) {
        case 'delete': {
          const count = store.nodes.filter((n) => n.selected).length + store.edges.filter((e) => e.selected).length;
          if (count === 0) return;
          store.deleteSelection();
          announce(`Deleted ${count === 1 ? '1 item' : `${count} items`}. Ctrl+Z brings it back.`);
          focusCanvas();
          break;
        }
        case 'undo':
          undo();
          announce('Undone.');
          break;
        case 'redo':
          redo();
          announce('Redone.');
          break;
        case 'copy': {
          const count = store.copySelection();
          if (count === 0) return; // let the browser copy selected text
          announce(`Copied ${count === 1 ? '1 block' : `${count} blocks`}.`);
          break;
        }
        case 'paste': {
          const pasted = store.paste();
          if (pasted.length === 0) return;
          onPasted(pasted.length);
          break;
        }
        case 'duplicate': {
          const copies = store.duplicate();
          if (copies.length === 0) return;
          onPasted(copies.length);
          break;
        }
        case 'selectAll':
          store.onNodesChange(store.nodes.map((n) => ({ type: 'select', id: n.id, selected: true })));
          break;
        case 'help':
          onHelp();
          break;
      }
      event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [announce, onHelp, onPasted]);
}
