import type { ProblemDetails } from './types';

/** A failed API call: the HTTP status (0 when no answer came) and the stable code, from ProblemDetails where present. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly detail: string | undefined;
  readonly requestId: string | undefined;
  /** The parsed JSON body of the error answer, for callers that read fields beyond ProblemDetails. */
  readonly body: unknown;

  constructor(status: number, code: string, detail?: string, requestId?: string, body?: unknown) {
    super(detail ? `${code}: ${detail}` : code);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.detail = detail;
    this.requestId = requestId;
    this.body = body;
  }

  static fromProblem(status: number, problem: ProblemDetails, fallbackCode: string): ApiError {
    const code = typeof problem.code === 'string' && problem.code ? problem.code : fallbackCode;
    const detail = typeof problem.detail === 'string' && problem.detail ? problem.detail : undefined;
    const requestId = typeof problem.requestId === 'string' ? problem.requestId : undefined;
    return new ApiError(status, code, detail, requestId, problem);
  }
}

export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}
