import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { SpacePicker } from './SpacePicker';

interface PickerRequest {
  currentSpaceId: string | null;
  onPick: (spaceId: string) => void;
  /** Where focus goes back to when the picker closes (the button that opened it). */
  returnFocus: HTMLElement | null;
}

/**
 * Opens the picker for one block. The block decides what a pick means (a new id, or its own id loaded again),
 * so the picker never needs to know how a block loads.
 */
type OpenPicker = (currentSpaceId: string | null, onPick: (spaceId: string) => void) => void;

const PickerContext = createContext<OpenPicker>(() => {});

/** Lets a Genie block open the one space picker of the page. */
export function useOpenSpacePicker(): OpenPicker {
  return useContext(PickerContext);
}

export function SpacePickerProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<PickerRequest | null>(null);

  const open = useCallback<OpenPicker>((currentSpaceId, onPick) => {
    const active = document.activeElement;
    setRequest({ currentSpaceId, onPick, returnFocus: active instanceof HTMLElement ? active : null });
  }, []);

  const close = useCallback(() => {
    request?.returnFocus?.focus();
    setRequest(null);
  }, [request]);

  const pick = useCallback(
    (spaceId: string) => {
      request?.onPick(spaceId);
      close();
    },
    [request, close],
  );

  return (
    <PickerContext value={open}>
      {children}
      {request && <SpacePicker currentSpaceId={request.currentSpaceId} onPick={pick} onClose={close} />}
    </PickerContext>
  );
}
