import { ApiError } from './ApiError';
import { ErrorCodes, codeForStatus } from './errorCodes';
import type { ProblemDetails } from './types';

/** One Server-Sent Event: its name (`message` when the stream gave none) and its data lines joined by "\n". */
export interface SseEvent {
  event: string;
  data: string;
}

/**
 * Turns text/event-stream text, fed in chunks as it arrives, into events (WHATWG rules: `field: value` lines, a blank
 * line ends an event, `:` lines are comments, CR LF / CR / LF all end a line). Only `event` and `data` are kept.
 */
export class SseParser {
  private buffer = '';
  private event = '';
  private data: string[] = [];

  /** Feeds a chunk; returns the events it completed. */
  push(chunk: string): SseEvent[] {
    this.buffer += chunk;
    const events: SseEvent[] = [];
    let match: RegExpExecArray | null;
    const lineEnd = /\r\n|\r|\n/g;
    let start = 0;
    while ((match = lineEnd.exec(this.buffer)) !== null) {
      // A lone CR at the very end may be the first half of CR LF: wait for the next chunk.
      if (match[0] === '\r' && match.index === this.buffer.length - 1) break;
      const event = this.line(this.buffer.slice(start, match.index));
      if (event) events.push(event);
      start = match.index + match[0].length;
    }
    this.buffer = this.buffer.slice(start);
    return events;
  }

  private line(line: string): SseEvent | undefined {
    if (line === '') {
      if (this.data.length === 0) {
        this.event = '';
        return undefined;
      }
      const event = { event: this.event || 'message', data: this.data.join('\n') };
      this.event = '';
      this.data = [];
      return event;
    }
    if (line.startsWith(':')) return undefined;
    const colon = line.indexOf(':');
    const field = colon < 0 ? line : line.slice(0, colon);
    let value = colon < 0 ? '' : line.slice(colon + 1);
    if (value.startsWith(' ')) value = value.slice(1);
    if (field === 'event') this.event = value;
    else if (field === 'data') this.data.push(value);
    return undefined;
  }
}

/**
 * POSTs JSON with `Accept: text/event-stream` and calls `onEvent` for each event until the stream ends. An answer that
 * is not a stream (bad input, no responder: ProblemDetails) rejects with an ApiError; so does a failed fetch (NETWORK).
 * Aborting `signal` stops reading and closes the connection (the server then cancels upstream).
 */
export async function postEventStream(
  url: string,
  body: unknown,
  onEvent: (event: SseEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: 'POST',
      headers: { Accept: 'text/event-stream', 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      signal,
    });
  } catch (error) {
    if (signal?.aborted) throw signal.reason ?? error;
    throw new ApiError(0, ErrorCodes.Network, 'The request could not be sent.');
  }
  const type = response.headers.get('Content-Type') ?? '';
  if (!response.ok || !type.startsWith('text/event-stream') || !response.body) {
    let problem: unknown;
    try {
      problem = await response.json();
    } catch {
      problem = undefined;
    }
    if (problem && typeof problem === 'object') {
      throw ApiError.fromProblem(response.status, problem as ProblemDetails, codeForStatus(response.status));
    }
    throw new ApiError(response.status, response.ok ? ErrorCodes.BadResponse : codeForStatus(response.status));
  }
  const parser = new SseParser();
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) break;
      for (const event of parser.push(value)) onEvent(event);
    }
    for (const event of parser.push('\n\n')) onEvent(event);
  } finally {
    reader.releaseLock();
  }
}
