import { ApiError } from './ApiError';
import { ErrorCodes } from './errorCodes';
import { SPACE_ID_RULE } from '../spaceId';

/** What a person is told about a failed call: a headline, one sentence on what to do, and whether Retry makes sense. */
export interface ErrorDescription {
  code: string;
  title: string;
  message: string;
  /** The server's own explanation, shown under the message when it adds something. */
  detail?: string;
  requestId?: string;
  retryable: boolean;
}

const UNAVAILABLE = 'Genie service unavailable';
const DATABRICKS = 'Databricks problem';

/** Maps any error of the API client to words a user understands, by the stable code first and the status second. */
export function describeError(error: unknown): ErrorDescription {
  if (!(error instanceof ApiError)) {
    return {
      code: ErrorCodes.Internal,
      title: 'Something went wrong',
      message: error instanceof Error ? error.message : 'An unexpected error occurred in the page.',
      retryable: true,
    };
  }
  const base = { code: error.code, detail: error.detail, requestId: error.requestId };
  const withDetail = (title: string, message: string, retryable = true): ErrorDescription => ({
    ...base,
    title,
    message,
    retryable,
  });

  switch (error.code) {
    case ErrorCodes.Network:
      return withDetail(
        'Cannot reach GenieCanvas server',
        'Check that GenieCanvas is running (./start.sh) and your connection, then retry.',
      );
    case ErrorCodes.ServiceUnavailable:
      return withDetail(UNAVAILABLE, 'No Genie responder is running right now. Start it, then retry.');
    case ErrorCodes.ResponderTimeout:
      return withDetail(UNAVAILABLE, 'The Genie responder did not answer in time. Retry in a moment.');
    case ErrorCodes.BusUnavailable:
      return withDetail(UNAVAILABLE, 'The server lost its connection to the message bus; it reconnects by itself.');
    case ErrorCodes.NotFound:
      return withDetail(
        'Space not found',
        'No Genie space has this id, or the Databricks identity GenieCanvas uses may not read it. Choose another space.',
      );
    case ErrorCodes.InvalidRequest:
      return {
        ...base,
        title: 'Invalid space id',
        message: error.detail ?? SPACE_ID_RULE,
        detail: undefined,
        retryable: false,
      };
    // Every upstream failure (issue 5: "502/504 -> Databricks problem, with the detail") leads with the same words,
    // then says which one; the server's detail is kept and shown under the message.
    case ErrorCodes.RateLimited:
      return withDetail(`${DATABRICKS}: rate limited`, 'Databricks asked us to slow down. Retry in a moment.');
    case ErrorCodes.UpstreamAuth:
      return withDetail(
        `${DATABRICKS}: credentials rejected`,
        'The token or client id/secret that GenieCanvas runs with was refused by Databricks.',
      );
    case ErrorCodes.UpstreamError:
      return withDetail(DATABRICKS, 'Databricks answered with an error.');
    case ErrorCodes.UpstreamTimeout:
      return withDetail(`${DATABRICKS}: no answer in time`, 'Databricks is slow or unreachable right now.');
    case ErrorCodes.Internal:
      return withDetail(
        'Something went wrong on the server',
        error.requestId
          ? `Retry; if it keeps failing, report request id ${error.requestId}.`
          : 'Retry; if it keeps failing, check the server log.',
      );
    case ErrorCodes.BadResponse:
      return withDetail('Unexpected answer from the server', `The server answered HTTP ${error.status} without the expected data.`);
    default:
      return describeByStatus(error);
  }
}

/** A code this page does not know (a newer server): fall back to the HTTP status class. */
function describeByStatus(error: ApiError): ErrorDescription {
  const base = { code: error.code, detail: error.detail, requestId: error.requestId, retryable: true };
  if (error.status === 503) return { ...base, title: UNAVAILABLE, message: 'Retry in a moment.' };
  if (error.status === 404) return { ...base, title: 'Space not found', message: 'Choose another space.' };
  if (error.status === 502 || error.status === 504) {
    return { ...base, title: DATABRICKS, message: 'Databricks could not answer the request.' };
  }
  if (error.status >= 400 && error.status < 500) {
    return { ...base, title: 'Request refused', message: error.detail ?? `HTTP ${error.status}`, detail: undefined, retryable: false };
  }
  return { ...base, title: 'Something went wrong on the server', message: `HTTP ${error.status}. Retry in a moment.` };
}
