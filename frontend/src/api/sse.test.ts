import { afterEach, describe, expect, it, vi } from 'vitest';
import { SseParser, postEventStream, type SseEvent } from './sse';
import { ApiError } from './ApiError';

describe('SseParser', () => {
  it('reads named events with one data line, skipping comments', () => {
    const parser = new SseParser();
    const events = parser.push('event: status\ndata: {"status":"ASKING_AI"}\n\n: keep-alive\n\nevent: answer\ndata: {"text":"4 rows"}\n\n');
    expect(events).toEqual([
      { event: 'status', data: '{"status":"ASKING_AI"}' },
      { event: 'answer', data: '{"text":"4 rows"}' },
    ]);
  });

  it('joins an event split across chunks, even inside a line and between CR and LF', () => {
    const parser = new SseParser();
    const seen: SseEvent[] = [];
    for (const chunk of ['eve', 'nt: status\r', '\ndata: {"a"', ':1}\r', '\n\r\n']) seen.push(...parser.push(chunk));
    expect(seen).toEqual([{ event: 'status', data: '{"a":1}' }]);
  });

  it('joins several data lines with a newline and calls an unnamed event "message"', () => {
    expect(new SseParser().push('data: one\ndata: two\n\n')).toEqual([{ event: 'message', data: 'one\ntwo' }]);
  });

  it('ignores a blank line with no data and keeps no name across events', () => {
    const parser = new SseParser();
    expect(parser.push('event: status\n\ndata: x\n\n')).toEqual([{ event: 'message', data: 'x' }]);
  });
});

describe('postEventStream', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('posts JSON asking for an event stream and hands each event over as it arrives', async () => {
    const encoder = new TextEncoder();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(encoder.encode('event: status\ndata: {"status":"SUBMITTED"}\n\n'));
        controller.enqueue(encoder.encode('event: answer\ndata: {"status":"COMPLETED"}\n\n'));
        controller.close();
      },
    });
    const fetchMock = vi.fn().mockResolvedValue(new Response(body, { headers: { 'Content-Type': 'text/event-stream' } }));
    vi.stubGlobal('fetch', fetchMock);
    const seen: SseEvent[] = [];

    await postEventStream('/api/genie/ask', { space_id: 's', question: 'q' }, (e) => seen.push(e));

    expect(seen.map((e) => e.event)).toEqual(['status', 'answer']);
    const [, init] = fetchMock.mock.calls[0] as [string, RequestInit];
    expect(init.method).toBe('POST');
    expect((init.headers as Record<string, string>).Accept).toBe('text/event-stream');
    expect(init.body).toBe('{"space_id":"s","question":"q"}');
  });

  it('rejects with the ProblemDetails code when the answer is not a stream', async () => {
    const problem = { status: 400, code: 'INVALID_REQUEST', detail: 'question is required.', requestId: 'r1' };
    vi.stubGlobal('fetch', vi.fn().mockResolvedValue(new Response(JSON.stringify(problem), { status: 400, headers: { 'Content-Type': 'application/problem+json' } })));

    const error = await postEventStream('/api/genie/ask', {}, () => undefined).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID_REQUEST');
    expect((error as ApiError).detail).toBe('question is required.');
  });

  it('says NETWORK when the server cannot be reached', async () => {
    vi.stubGlobal('fetch', vi.fn().mockRejectedValue(new TypeError('fetch failed')));

    const error = await postEventStream('/api/genie/ask', {}, () => undefined).catch((e: unknown) => e);

    expect((error as ApiError).code).toBe('NETWORK');
  });
});
