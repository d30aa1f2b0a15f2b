import { useEffect, useRef } from 'react';

/**
 * Opens a <dialog> as modal when it mounts (top layer, focus trap, Escape) and gives focus back to what had it when it
 * unmounts, so focus never drops to <body> after a dialog.
 */
export function useModalDialog() {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    const returnTo = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (element && !element.open) {
      if (typeof element.showModal === 'function') element.showModal();
      else element.setAttribute('open', '');
    }
    return () => returnTo?.focus();
  }, []);
  return dialog;
}
