import { beforeEach, describe, expect, it } from 'vitest';
import { act, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { FlowMenu } from './FlowMenu';
import { newFlow, resetFlowSync, saveNow } from './flowSync';
import { useFlowSession } from './flowSession';
import { createQueryClient } from '../api/queries';
import { createBlock } from '../nodes/blocks';
import { toCanvasDocument } from '../canvas/canvasDocument';
import { resetCanvas, useCanvasStore } from '../store/canvasStore';
import { withFlowsServer } from '../test/flowsContract';

const { current } = withFlowsServer();
beforeEach(() => {
  resetFlowSync();
  resetCanvas({ name: 'Untitled flow', nodes: [], edges: [] });
  useFlowSession.setState({ revision: null, flowName: null, saveState: 'unsaved', problem: null });
});

const addNote = (text: string) => {
  const note = createBlock('note', { x: 0, y: 0 });
  act(() => useCanvasStore.getState().addNode({ ...note, data: { text } } as typeof note));
};

function renderMenu() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <FlowMenu />
    </QueryClientProvider>,
  );
}

describe('FlowMenu', () => {
  it('shows the save state, and on a conflict offers the two ways out; "Keep mine as a copy" saves it under a new name', async () => {
    renderMenu();
    act(() => newFlow('Shared'));
    addNote('mine');
    await act(() => saveNow());
    expect(screen.getByTestId('save-state').textContent).toBe('Saved');

    current().saveFromElsewhere('Shared', toCanvasDocument({ name: 'Shared', nodes: [], edges: [] }));
    addNote('mine again');
    await act(() => saveNow());
    const dialog = await screen.findByTestId('conflict-dialog');
    expect(screen.getByTestId('save-state').textContent).toBe('Conflict');
    expect(within(dialog).getByText('Reload theirs', { selector: 'button' })).toBeTruthy();

    fireEvent.click(within(dialog).getByText('Keep mine as a copy', { selector: 'button' }));
    await waitFor(() => expect(screen.getByTestId('save-state').textContent).toBe('Saved'));
    expect(screen.getByTestId('flow-name').textContent).toBe('Shared copy');
    expect(screen.queryByTestId('conflict-dialog')).toBeNull();
    expect([...current().flows.keys()].sort()).toEqual(['Shared', 'Shared copy']);
  });

  it('lists the saved flows and opens one; New flow empties the canvas', async () => {
    current().saveFromElsewhere('Quarterly', toCanvasDocument({ name: 'Quarterly', nodes: [createBlock('note', { x: 5, y: 5 })], edges: [] }));
    renderMenu();
    fireEvent.click(screen.getByTestId('flow-menu'));
    const option = await screen.findByText('Quarterly');
    fireEvent.click(option.closest('button')!);
    await waitFor(() => expect(screen.getByTestId('flow-name').textContent).toBe('Quarterly'));
    expect(useCanvasStore.getState().nodes).toHaveLength(1);
    expect(screen.getByTestId('save-state').textContent).toBe('Saved');

    fireEvent.click(screen.getByTestId('flow-menu'));
    fireEvent.click(await screen.findByText('New flow', { selector: 'button' }));
    expect(useCanvasStore.getState().nodes).toEqual([]);
    expect(screen.getByTestId('flow-name').textContent).toBe('Untitled flow');
  });
});
