import { ApiError } from './ApiError';
import { ErrorCodes, codeForStatus } from './errorCodes';
import type {
  AppConfig,
  CatalogItem,
  CatalogPage,
  CreateSpaceInput,
  GenieSpace,
  ProblemDetails,
  SpacesPage,
  WarehousesReply,
} from './types';

/** Longer than the bridge's own 10 s request timeout, so the bridge's answer (503 RESPONDER_TIMEOUT) normally wins. */
export const REQUEST_TIMEOUT_MS = 15_000;

/** Statuses a proxy in front of the bridge (e.g. `npm run dev`) answers without JSON when the bridge is down. */
const GATEWAY_STATUSES = new Set([500, 502, 503, 504]);

/** Where the bridge is: '' (same origin, as served by the bridge or the dev proxy). Tests point it at a loopback server. */
let baseUrl = '';

export function setApiBaseUrl(url: string): void {
  baseUrl = url.replace(/\/+$/, '');
}

interface RequestOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
}

interface SendOptions extends RequestOptions {
  method?: 'GET' | 'PUT' | 'DELETE' | 'POST';
  headers?: Record<string, string>;
  /** Sent as JSON. */
  body?: unknown;
}

/** A 2xx answer: its JSON body (undefined when it had none, as a 204) and its headers. */
export interface ApiResponse<T> {
  status: number;
  body: T;
  headers: Headers;
}

/**
 * GETs JSON from the bridge. Resolves with the body on 2xx; otherwise rejects with an ApiError that carries the
 * ProblemDetails code, or NETWORK when no answer came. Rejects with the caller's AbortError when it was cancelled.
 */
export async function getJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await send<T>(path, options);
  if (response.body === undefined) throw new ApiError(response.status, ErrorCodes.BadResponse);
  return response.body;
}

/** Any call to the bridge, with the same error rules as getJson; a 2xx without a body (204) is fine here. */
export async function send<T>(path: string, options: SendOptions = {}): Promise<ApiResponse<T>> {
  const timeout = AbortSignal.timeout(options.timeoutMs ?? REQUEST_TIMEOUT_MS);
  const signal = options.signal ? AbortSignal.any([options.signal, timeout]) : timeout;
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';

  let response: Response;
  try {
    response = await fetch(baseUrl + path, {
      method: options.method ?? 'GET',
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw options.signal.reason ?? error;
    const detail = timeout.aborted
      ? `The server did not answer within ${Math.round((options.timeoutMs ?? REQUEST_TIMEOUT_MS) / 1000)} s.`
      : 'The request could not be sent.';
    throw new ApiError(0, ErrorCodes.Network, detail);
  }

  const body = await readJson(response);
  if (response.ok) return { status: response.status, body: body as T, headers: response.headers };
  if (body !== undefined && typeof body === 'object' && body !== null) {
    throw ApiError.fromProblem(response.status, body as ProblemDetails, codeForStatus(response.status));
  }
  // No JSON at all: not the bridge talking. A gateway error means the bridge behind it is unreachable.
  if (GATEWAY_STATUSES.has(response.status)) {
    throw new ApiError(response.status, ErrorCodes.Network, `The proxy in front of the server answered HTTP ${response.status}.`);
  }
  throw new ApiError(response.status, ErrorCodes.BadResponse);
}

async function readJson(response: Response): Promise<unknown> {
  const type = response.headers.get('content-type') ?? '';
  if (!type.includes('json')) return undefined;
  try {
    return await response.json();
  } catch {
    return undefined;
  }
}

export function getSpace(spaceId: string, signal?: AbortSignal): Promise<GenieSpace> {
  return getJson<GenieSpace>(`/api/genie/get?space_id=${encodeURIComponent(spaceId)}`, { signal });
}

export function listSpaces(pageToken?: string | null, pageSize = 50, signal?: AbortSignal): Promise<SpacesPage> {
  const query = new URLSearchParams({ page_size: String(pageSize) });
  if (pageToken) query.set('page_token', pageToken);
  return getJson<SpacesPage>(`/api/genie/spaces?${query}`, { signal });
}

/** `/api/config`: what the page needs from the server (TanStack Query caches it for the page's life). */
export function getConfig(signal?: AbortSignal): Promise<AppConfig> {
  return getJson<AppConfig>('/api/config', { signal });
}

/** `POST /api/genie/spaces`: the new space (201), in the `GET /api/genie/get` shape. */
export async function createSpace(input: CreateSpaceInput, signal?: AbortSignal): Promise<GenieSpace> {
  const response = await send<GenieSpace>('/api/genie/spaces', { method: 'POST', body: input, signal });
  if (response.body === undefined) throw new ApiError(response.status, ErrorCodes.BadResponse);
  return response.body;
}

export function listWarehouses(signal?: AbortSignal): Promise<WarehousesReply> {
  return getJson<WarehousesReply>('/api/workspace/warehouses', { signal });
}

type CatalogLevel = 'catalogs' | 'schemas' | 'tables';

/** One page of Unity Catalog catalogs, a catalog's schemas, or a schema's tables. */
export async function listCatalogLevel(
  level: CatalogLevel,
  names: { catalog?: string; schema?: string },
  pageToken?: string | null,
  signal?: AbortSignal,
): Promise<CatalogPage> {
  const query = new URLSearchParams();
  if (names.catalog) query.set('catalog', names.catalog);
  if (names.schema) query.set('schema', names.schema);
  if (pageToken) query.set('page_token', pageToken);
  const suffix = query.size > 0 ? `?${query}` : '';
  const reply = await getJson<Record<string, unknown>>(`/api/workspace/${level}${suffix}`, { signal });
  const items = Array.isArray(reply[level]) ? (reply[level] as CatalogItem[]) : [];
  const next = typeof reply.next_page_token === 'string' ? reply.next_page_token : null;
  return { items, next_page_token: next };
}
