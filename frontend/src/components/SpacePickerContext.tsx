import { createContext, useCallback, useContext, useState, type ReactNode } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { AppEdge, AppNode } from '../nodes/types';
import { SpacePicker } from './SpacePicker';

interface PickerRequest {
  nodeId: string;
  currentSpaceId: string | null;
  /** Where focus goes back to when the picker closes (the button that opened it). */
  returnFocus: HTMLElement | null;
}

type OpenPicker = (nodeId: string, currentSpaceId: string | null) => void;

const PickerContext = createContext<OpenPicker>(() => {});

/** Lets a Genie block open the one space picker of the page; the pick is written into that node's data. */
export function useOpenSpacePicker(): OpenPicker {
  return useContext(PickerContext);
}

export function SpacePickerProvider({ children }: { children: ReactNode }) {
  const [request, setRequest] = useState<PickerRequest | null>(null);
  const { updateNodeData } = useReactFlow<AppNode, AppEdge>();

  const open = useCallback<OpenPicker>((nodeId, currentSpaceId) => {
    const active = document.activeElement;
    setRequest({ nodeId, currentSpaceId, returnFocus: active instanceof HTMLElement ? active : null });
  }, []);

  const close = useCallback(() => {
    request?.returnFocus?.focus();
    setRequest(null);
  }, [request]);

  const pick = useCallback(
    (spaceId: string) => {
      if (request) updateNodeData(request.nodeId, { spaceId });
      close();
    },
    [request, updateNodeData, close],
  );

  return (
    <PickerContext value={open}>
      {children}
      {request && <SpacePicker currentSpaceId={request.currentSpaceId} onPick={pick} onClose={close} />}
    </PickerContext>
  );
}
