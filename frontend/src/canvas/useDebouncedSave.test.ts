import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderHook } from '@testing-library/react';
import { useDebouncedSave } from './useDebouncedSave';

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('useDebouncedSave', () => {
  it('saves once, 300 ms after the last of many changes (a drag), with the latest state', () => {
    const saved: number[] = [];
    const { result, rerender } = renderHook(({ frame }) => useDebouncedSave(() => saved.push(frame)), {
      initialProps: { frame: 0 },
    });
    for (let frame = 1; frame <= 60; frame++) {
      if (frame > 1) vi.advanceTimersByTime(16);
      rerender({ frame });
      result.current.schedule();
    }
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(299);
    expect(saved).toEqual([]);
    vi.advanceTimersByTime(1);
    expect(saved).toEqual([60]);
  });

  it.each(['pagehide', 'beforeunload'])('saves a pending change at once on %s (a reload right after a change)', (event) => {
    const save = vi.fn();
    const { result } = renderHook(() => useDebouncedSave(save));
    result.current.schedule();
    window.dispatchEvent(new Event(event));
    expect(save).toHaveBeenCalledOnce();
    vi.advanceTimersByTime(1000);
    expect(save).toHaveBeenCalledOnce();
  });

  it('saves a pending change when the canvas unmounts, and nothing when none is pending', () => {
    const save = vi.fn();
    const first = renderHook(() => useDebouncedSave(save));
    first.result.current.schedule();
    first.unmount();
    expect(save).toHaveBeenCalledOnce();

    const idle = vi.fn();
    const second = renderHook(() => useDebouncedSave(idle));
    window.dispatchEvent(new Event('pagehide'));
    second.unmount();
    expect(idle).not.toHaveBeenCalled();
  });

  it('drops a pending save on cancel (clear canvas)', () => {
    const save = vi.fn();
    const { result } = renderHook(() => useDebouncedSave(save));
    result.current.schedule();
    result.current.cancel();
    vi.advanceTimersByTime(1000);
    window.dispatchEvent(new Event('pagehide'));
    expect(save).not.toHaveBeenCalled();
  });
});
