import { ApiError } from './ApiError';
import { ErrorCodes } from './errorCodes';
import { postEventStream } from './sse';
import type { ProblemDetails } from './types';

/** The `answer` of POST /api/genie/ask (DESIGN.md v2). */
export interface AskAnswer {
  space_id: string;
  conversation_id: string;
  message_id: string;
  status: string;
  text: string | null;
  follow_up_question: string | null;
  query: { sql: string; description: string | null; title: string | null; statement_id: string | null } | null;
  result: { columns: { name: string; type: string | null }[]; rows: (string | null)[][]; row_count: number; truncated: boolean } | null;
  suggested_questions: string[];
}

/** A `status` event: Genie's message status, or RATE_LIMITED with the seconds the responder waits. */
export interface AskStatus {
  status: string;
  conversation_id?: string;
  message_id?: string;
  retry_after?: number;
}

export interface AskInput {
  spaceId: string;
  question: string;
  conversationId?: string;
}

/** Asks Genie through the bridge's event stream; `onStatus` sees each status. Resolves with the answer or rejects (ApiError). */
export async function askGenie(input: AskInput, onStatus: (status: AskStatus) => void, signal?: AbortSignal): Promise<AskAnswer> {
  let answer: AskAnswer | undefined;
  let failure: ApiError | undefined;
  const body = { space_id: input.spaceId, question: input.question, ...(input.conversationId ? { conversation_id: input.conversationId } : {}) };
  await postEventStream(
    '/api/genie/ask',
    body,
    (event) => {
      const data = parse(event.data);
      if (event.event === 'status' && data) onStatus(data as AskStatus);
      else if (event.event === 'answer' && data) answer = data as AskAnswer;
      else if (event.event === 'error') {
        const problem = (data ?? {}) as ProblemDetails;
        failure = ApiError.fromProblem(typeof problem.status === 'number' ? problem.status : 502, problem, ErrorCodes.UpstreamError);
      }
    },
    signal,
  );
  if (failure) throw failure;
  if (!answer) throw new ApiError(503, ErrorCodes.ServiceUnavailable, 'The answer stream ended without an answer.');
  return answer;
}

/** What a status means, in words for the block. */
export function statusInWords(status: AskStatus): string {
  switch (status.status) {
    case 'SUBMITTED':
      return 'Question sent…';
    case 'FETCHING_METADATA':
    case 'FILTERING_CONTEXT':
      return 'Reading the space…';
    case 'ASKING_AI':
      return 'Writing SQL…';
    case 'PENDING_WAREHOUSE':
      return 'Waiting for the SQL warehouse…';
    case 'EXECUTING_QUERY':
      return 'Running the query on the warehouse…';
    case 'COMPLETED':
      return 'Reading the result…';
    case 'QUERY_RESULT_EXPIRED':
      return 'The result had expired; running the query again…';
    case 'RATE_LIMITED':
      return `Databricks is busy; waiting ${status.retry_after ?? 1} s…`;
    default:
      return 'Working…';
  }
}

function parse(data: string): unknown {
  try {
    return JSON.parse(data);
  } catch {
    return undefined;
  }
}
