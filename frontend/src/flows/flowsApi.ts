import { send } from '../api/client';
import { ApiError } from '../api/ApiError';
import { ErrorCodes, FlowErrorCodes } from '../api/errorCodes';
import type { CanvasDocument } from '../canvas/canvasDocument';

/** One entry of `GET /api/flows`. */
export interface FlowSummary {
  name: string;
  revision: string;
  updated?: string;
}

const path = (name: string) => `/api/flows/${encodeURIComponent(name)}`;

/** `"12"` → `12`: the ETag is the quoted KV revision. */
function revisionOf(headers: Headers): string {
  const etag = headers.get('ETag');
  if (!etag) throw new ApiError(200, ErrorCodes.BadResponse, 'The server sent no ETag with the flow.');
  return etag.replace(/^W\//, '').replace(/^"|"$/g, '');
}

export async function listFlows(signal?: AbortSignal): Promise<FlowSummary[]> {
  const { status, body } = await send<{ flows?: FlowSummary[] }>('/api/flows', { signal }).catch((error: unknown) => {
    // The list always exists where flows are kept: a 404 means a bridge without the flows API.
    if (error instanceof ApiError && error.status === 404) throw new ApiError(404, ErrorCodes.BadResponse, 'This server keeps no flows.');
    throw error;
  });
  // A bridge without the flows API answers its page (the SPA fallback) or nothing useful: no flows on that server.
  if (!Array.isArray(body?.flows)) throw new ApiError(status === 200 ? 404 : status, ErrorCodes.BadResponse, 'This server keeps no flows.');
  return body.flows.filter((f) => typeof f?.name === 'string');
}

/** The flow document as stored (still to be read with readCanvasDocument) and its revision. */
export async function getFlow(name: string, signal?: AbortSignal): Promise<{ document: unknown; revision: string }> {
  const response = await send<unknown>(path(name), { signal });
  if (response.body === undefined) throw new ApiError(response.status, ErrorCodes.BadResponse);
  return { document: response.body, revision: revisionOf(response.headers) };
}

/**
 * Creates (`revision` null: `If-None-Match: *`) or replaces (`If-Match: "<revision>"`) a flow; resolves with the new
 * revision. Someone else's newer save is a 412 FLOW_CONFLICT and nothing is overwritten.
 */
export async function saveFlow(name: string, document: CanvasDocument, revision: string | null, signal?: AbortSignal): Promise<string> {
  const headers: Record<string, string> = revision === null ? { 'If-None-Match': '*' } : { 'If-Match': `"${revision}"` };
  const response = await send<unknown>(path(name), { method: 'PUT', headers, body: document, signal });
  return revisionOf(response.headers);
}

export async function deleteFlow(name: string, revision?: string | null, signal?: AbortSignal): Promise<void> {
  await send<unknown>(path(name), { method: 'DELETE', headers: revision ? { 'If-Match': `"${revision}"` } : {}, signal });
}

export function isConflict(error: unknown): boolean {
  return error instanceof ApiError && (error.code === FlowErrorCodes.Conflict || error.status === 412);
}

/**
 * The server keeps no flows: a bridge without the flows API (the list is a 404 or a page instead of JSON, a PUT is
 * 405), the store is down (503), or no server at all. The canvas then keeps working in this browser only.
 */
export function isFlowsUnavailable(error: unknown): boolean {
  if (!(error instanceof ApiError)) return false;
  return error.status === 503 || error.status === 405 || error.code === ErrorCodes.Network || error.code === ErrorCodes.BadResponse;
}
