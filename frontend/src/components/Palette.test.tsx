import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen } from '@testing-library/react';
import { Palette } from './Palette';
import { DRAG_MIME } from '../nodes/blocks';

describe('Palette', () => {
  it('offers a Genie block and a Note block, each reachable with the keyboard', () => {
    render(<Palette onAdd={() => {}} />);
    for (const name of ['Genie block', 'Note block']) {
      const item = screen.getByRole('button', { name });
      expect(item.getAttribute('tabindex')).toBe('0');
      expect(item.getAttribute('draggable')).toBe('true');
    }
  });

  it('adds the focused block with Enter or Space', () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    fireEvent.keyDown(screen.getByRole('button', { name: 'Genie block' }), { key: 'Enter' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Note block' }), { key: ' ' });
    fireEvent.keyDown(screen.getByRole('button', { name: 'Note block' }), { key: 'a' });
    expect(onAdd.mock.calls).toEqual([['genie'], ['note']]);
  });

  it('adds a block on a click, as a button does', () => {
    const onAdd = vi.fn();
    render(<Palette onAdd={onAdd} />);
    fireEvent.click(screen.getByRole('button', { name: 'Note block' }));
    expect(onAdd.mock.calls).toEqual([['note']]);
  });

  it('puts the block type into the drag data under application/reactflow', () => {
    render(<Palette onAdd={() => {}} />);
    const data = new Map<string, string>();
    const dataTransfer = { setData: (k: string, v: string) => data.set(k, v), effectAllowed: 'none' };
    fireEvent.dragStart(screen.getByRole('button', { name: 'Genie block' }), { dataTransfer });
    expect(data.get(DRAG_MIME)).toBe('genie');
    expect(dataTransfer.effectAllowed).toBe('move');
  });
});
