import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { SpaceIdForm } from './SpaceIdForm';

describe('SpaceIdForm', () => {
  it('says what is wrong with the id and does not submit it', () => {
    const onSubmit = vi.fn();
    render(<SpaceIdForm initial="abc" onSubmit={onSubmit} onCancel={() => {}} />);
    const input = screen.getByLabelText('Space id');
    fireEvent.change(input, { target: { value: 'abc/def' } });
    expect(screen.getByRole('alert').textContent).toContain("'/'");
    expect(input.getAttribute('aria-invalid')).toBe('true');
    fireEvent.submit(input.closest('form')!);
    expect(onSubmit).not.toHaveBeenCalled();
  });

  it('submits a valid id, trimmed', () => {
    const onSubmit = vi.fn();
    render(<SpaceIdForm initial="" onSubmit={onSubmit} onCancel={() => {}} />);
    fireEvent.change(screen.getByLabelText('Space id'), { target: { value: '  01f0a7a327cd11978f2951f81a61bfdd ' } });
    fireEvent.click(screen.getByRole('button', { name: 'Load' }));
    expect(onSubmit).toHaveBeenCalledWith('01f0a7a327cd11978f2951f81a61bfdd');
  });

  it('cancels on Escape', () => {
    const onCancel = vi.fn();
    render(<SpaceIdForm initial="abc" onSubmit={() => {}} onCancel={onCancel} />);
    fireEvent.keyDown(screen.getByLabelText('Space id'), { key: 'Escape' });
    expect(onCancel).toHaveBeenCalled();
  });
});
