import { describe, expect, it } from 'vitest';
import { ApiError } from './ApiError';
import { describeError } from './describeError';

describe('describeError', () => {
  it('shows the bridge’s explanation of a bad id as the message itself', () => {
    const d = describeError(new ApiError(400, 'INVALID_REQUEST', "space_id may contain only letters A-Z and a-z, digits, '-' and '_'."));
    expect(d.title).toBe('Invalid space id');
    expect(d.message).toMatch(/only letters/);
    expect(d.retryable).toBe(false);
  });

  it.each([
    [429, 'RATE_LIMITED', 'Databricks problem: rate limited', 'Databricks answered 429; retry in 30 s.'],
    [502, 'UPSTREAM_AUTH', 'Databricks problem: credentials rejected', 'Databricks answered 403: Invalid access token.'],
    [502, 'UPSTREAM_ERROR', 'Databricks problem', 'Databricks answered 500 three times.'],
    [504, 'UPSTREAM_TIMEOUT', 'Databricks problem: no answer in time', 'No answer within 8 s.'],
  ])('heads every upstream error %i %s with "Databricks problem" and keeps the server’s detail', (status, code, title, detail) => {
    const d = describeError(new ApiError(status, code, detail));
    expect(d.title).toBe(title);
    expect(d.title.startsWith('Databricks problem')).toBe(true);
    expect(d.detail).toBe(detail);
    expect(d.message).not.toBe(detail); // so the block shows both (NodeError hides a detail equal to the message)
    expect(d.retryable).toBe(true);
  });

  it('names the request id of an internal error so it can be reported', () => {
    expect(describeError(new ApiError(500, 'INTERNAL', undefined, 'req-7')).message).toContain('req-7');
  });

  it('falls back to the status for a code it does not know (a newer server)', () => {
    expect(describeError(new ApiError(503, 'SOMETHING_NEW')).title).toBe('Genie service unavailable');
    expect(describeError(new ApiError(404, 'SOMETHING_NEW')).title).toBe('Space not found');
    expect(describeError(new ApiError(504, 'SOMETHING_NEW')).title).toBe('Databricks problem');
    expect(describeError(new ApiError(418, 'SOMETHING_NEW')).retryable).toBe(false);
  });

  it('still says something for an error that is not from the API', () => {
    expect(describeError(new Error('x is undefined'))).toMatchObject({ title: 'Something went wrong', message: 'x is undefined' });
  });
});
