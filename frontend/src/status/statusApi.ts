import { getJson } from '../api/client';
import { ApiError } from '../api/ApiError';
import { describeError } from '../api/describeError';

/** What the header badge shows about the chain behind the page. */
export interface ServiceStatus {
  ready: boolean;
  /** Why it is not ready, in the server's words (or why the server could not be asked). */
  reason?: string;
  /** Genie responders answering on the bus, when /api/genie/status could be read. */
  responders?: number;
  nats?: string;
}

interface ReadyBody {
  status?: string;
  reason?: string;
  detail?: string;
  title?: string;
}

interface GenieStatusBody {
  nats?: string;
  responders?: unknown[];
}

/** Reads /health/ready (200 ready, 503 with a reason) and, best effort, /api/genie/status for the responder count. */
export async function fetchServiceStatus(signal?: AbortSignal): Promise<ServiceStatus> {
  const [ready, status] = await Promise.allSettled([
    getJson<ReadyBody>('/health/ready', { signal, timeoutMs: 5_000 }),
    getJson<GenieStatusBody>('/api/genie/status', { signal, timeoutMs: 5_000 }),
  ]);
  if (signal?.aborted) throw signal.reason;

  const extra: Pick<ServiceStatus, 'responders' | 'nats'> = {};
  if (status.status === 'fulfilled') {
    if (Array.isArray(status.value.responders)) extra.responders = status.value.responders.length;
    if (typeof status.value.nats === 'string') extra.nats = status.value.nats;
  }

  if (ready.status === 'fulfilled') return { ready: true, ...extra };
  return { ready: false, reason: notReadyReason(ready.reason), ...extra };
}

function notReadyReason(error: unknown): string {
  if (error instanceof ApiError && error.status === 503) {
    const body = (error.body ?? {}) as ReadyBody;
    const reason = [body.reason, body.detail, error.detail].find((text) => typeof text === 'string' && text);
    if (reason) return reason;
  }
  if (error instanceof ApiError && error.code === 'NETWORK') return 'Cannot reach GenieCanvas server';
  return describeError(error).title;
}
