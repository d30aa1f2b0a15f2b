import { useCallback, useEffect, useRef, useState } from 'react';
import { askGenie, type AskStatus } from '../api/ask';
import { isAbortError } from '../api/ApiError';
import { useCanvasStore } from '../store/canvasStore';
import { appendTurn, turnFromAnswer } from './conversation';
import type { GenieNodeData } from './types';

/** An ask in progress, or the last one that failed (to retry). */
export type AskState =
  | { phase: 'idle' }
  | { phase: 'asking'; question: string; status: AskStatus | null; startedAt: number }
  | { phase: 'failed'; question: string; error: unknown };

/**
 * Asks the block's space and keeps the conversation in the block's data (so it is saved with the flow): one ask at a
 * time, Stop aborts it (the bridge then cancels it upstream), a follow-up continues the block's conversation.
 */
export function useAsk(nodeId: string, data: GenieNodeData) {
  const updateNodeData = useCanvasStore((s) => s.updateNodeData);
  const [state, setState] = useState<AskState>({ phase: 'idle' });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const ask = useCallback(
    async (question: string) => {
      const spaceId = data.spaceId;
      const text = question.trim();
      if (!spaceId || !text) return;
      controller.current?.abort();
      const abort = new AbortController();
      controller.current = abort;
      setState({ phase: 'asking', question: text, status: null, startedAt: Date.now() });
      try {
        const answer = await askGenie(
          { spaceId, question: text, conversationId: data.conversationId },
          (status) => setState((s) => (s.phase === 'asking' ? { ...s, status } : s)),
          abort.signal,
        );
        const latest = useCanvasStore.getState().nodes.find((n) => n.id === nodeId)?.data as GenieNodeData | undefined;
        updateNodeData(nodeId, {
          conversationId: answer.conversation_id,
          conversation: appendTurn(latest?.conversation, turnFromAnswer(text, answer)),
        });
        setState({ phase: 'idle' });
      } catch (error) {
        if (isAbortError(error) || abort.signal.aborted) {
          setState({ phase: 'idle' });
          return;
        }
        setState({ phase: 'failed', question: text, error });
      } finally {
        if (controller.current === abort) controller.current = null;
      }
    },
    [data.spaceId, data.conversationId, nodeId, updateNodeData],
  );

  const stop = useCallback(() => controller.current?.abort(), []);

  const startOver = useCallback(() => {
    controller.current?.abort();
    setState({ phase: 'idle' });
    updateNodeData(nodeId, { conversationId: undefined, conversation: [] });
  }, [nodeId, updateNodeData]);

  return { state, ask, stop, startOver };
}
