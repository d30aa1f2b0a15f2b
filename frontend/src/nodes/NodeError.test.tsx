import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { ApiError } from '../api/ApiError';
import { describeError } from '../api/describeError';
import { NodeError } from './NodeError';

describe('NodeError', () => {
  it.each([
    [429, 'RATE_LIMITED', 'Databricks problem: rate limited', 'Databricks answered 429; retry in 30 s.'],
    [502, 'UPSTREAM_AUTH', 'Databricks problem: credentials rejected', 'Databricks answered 401 for the token.'],
    [502, 'UPSTREAM_ERROR', 'Databricks problem', 'Databricks answered 500 three times.'],
    [504, 'UPSTREAM_TIMEOUT', 'Databricks problem: no answer in time', 'No answer within 8 s.'],
  ])('shows "%i %s" as a Databricks problem with the server’s detail and Retry', (status, code, title, detail) => {
    const onRetry = vi.fn();
    render(<NodeError error={describeError(new ApiError(status, code, detail, 'req-9'))} onRetry={onRetry} onChoose={() => {}} />);
    const alert = screen.getByRole('alert');
    expect(alert.getAttribute('data-code')).toBe(code);
    expect(alert.firstElementChild?.textContent).toBe(title);
    expect(alert.textContent).toContain(detail);
    expect(alert.textContent).toContain('Request id req-9');
    fireEvent.click(screen.getByRole('button', { name: 'Retry' }));
    expect(onRetry).toHaveBeenCalledOnce();
  });
});
