/** The stable error codes of the bridge (GenieCanvas.Contracts.GenieErrorCodes) plus the two only a browser sees. */
export const ErrorCodes = {
  InvalidRequest: 'INVALID_REQUEST',
  NotFound: 'NOT_FOUND',
  PermissionDenied: 'PERMISSION_DENIED',
  RateLimited: 'RATE_LIMITED',
  UpstreamAuth: 'UPSTREAM_AUTH',
  UpstreamError: 'UPSTREAM_ERROR',
  UpstreamTimeout: 'UPSTREAM_TIMEOUT',
  Internal: 'INTERNAL',
  ServiceUnavailable: 'SERVICE_UNAVAILABLE',
  ResponderTimeout: 'RESPONDER_TIMEOUT',
  BusUnavailable: 'BUS_UNAVAILABLE',
  GenieFailed: 'GENIE_FAILED',
  AskTimeout: 'ASK_TIMEOUT',
  /** fetch itself failed or timed out: the GenieCanvas server is not reachable. */
  Network: 'NETWORK',
  /** The server answered something that is not the API's JSON. */
  BadResponse: 'BAD_RESPONSE',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

/** The code a bare HTTP status stands for when the answer carried none (mirrors the bridge's GenieProblems.CodeFor). */
export function codeForStatus(status: number): string {
  switch (status) {
    case 400:
      return ErrorCodes.InvalidRequest;
    case 404:
      return ErrorCodes.NotFound;
    case 429:
      return ErrorCodes.RateLimited;
    case 502:
      return ErrorCodes.UpstreamError;
    case 503:
      return ErrorCodes.ServiceUnavailable;
    case 504:
      return ErrorCodes.UpstreamTimeout;
    default:
      return status >= 400 && status < 500 ? ErrorCodes.InvalidRequest : ErrorCodes.Internal;
  }
}

/** The flows API's own codes (DESIGN.md v2, flows). */
export const FlowErrorCodes = {
  Conflict: 'FLOW_CONFLICT',
  PreconditionRequired: 'PRECONDITION_REQUIRED',
} as const;
