import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { SpacePicker } from './SpacePicker';
import { CreateSpaceDialog } from '../create/CreateSpaceDialog';

interface PickerRequest {
  currentSpaceId: string | null;
  onPick: (spaceId: string) => void;
  /** Where focus goes back to when the picker closes (the button that opened it). */
  returnFocus: HTMLElement | null;
  /** The list of spaces, or the "New Genie space" form (a created space is a pick). */
  mode: PickerMode;
}

export type PickerMode = 'pick' | 'create';

/**
 * Opens the picker for one block. The block decides what a pick means (a new id, or its own id loaded again),
 * so the picker never needs to know how a block loads.
 */
type OpenPicker = (currentSpaceId: string | null, onPick: (spaceId: string) => void, mode?: PickerMode) => void;

const PickerContext = createContext<OpenPicker>(() => {});

/** Lets a Genie block open the one space picker of the page. */
export function useOpenSpacePicker(): OpenPicker {
  return useContext(PickerContext);
}

export function SpacePickerProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<PickerRequest | null>(null);

  const open = useCallback<OpenPicker>((currentSpaceId, onPick, mode = 'pick') => {
    const active = document.activeElement;
    setRequest({ currentSpaceId, onPick, returnFocus: active instanceof HTMLElement ? active : null, mode });
  }, []);

  const close = useCallback(() => {
    const returnFocus = request?.returnFocus;
    setRequest(null);
    // After the dialog is gone: a modal dialog's removal hands focus back to what it took it from (for the create
    // form, a picker button that no longer exists), which would undo an earlier focus().
    setTimeout(() => returnFocus?.focus(), 0);
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
      {request?.mode === 'pick' && (
        <SpacePicker
          currentSpaceId={request.currentSpaceId}
          onPick={pick}
          onClose={close}
          onNew={() => setRequest({ ...request, mode: 'create' })}
        />
      )}
      {request?.mode === 'create' && <CreateSpaceDialog onCreated={(space) => pick(space.space_id)} onClose={close} />}
    </PickerContext>
  );
}
