import { beforeAll, describe, expect, it } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { ReactFlow, ReactFlowProvider } from '@xyflow/react';
import { QueryClientProvider } from '@tanstack/react-query';
import { SpacePickerProvider } from '../components/SpacePickerContext';
import { createQueryClient } from '../api/queries';
import { resetCanvas, useCanvasStore } from '../store/canvasStore';
import { nodeTypes } from './nodeTypes';
import type { AppNode } from './types';
import { sendJson, sendProblem, withLoopbackApi } from '../test/loopbackServer';

const SPACE = '01f0eca3dc1b1cbc9b65fa58f94c18ad';

// jsdom has no layout: React Flow only needs these to exist (xyflow's own testing advice).
class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}

const server = withLoopbackApi();
beforeAll(() => {
  globalThis.ResizeObserver ??= NoResizeObserver as unknown as typeof ResizeObserver;
});

/** The canvas as the app draws it: React Flow controlled by the canvas store, inside a query client. */
function StoreCanvas() {
  const nodes = useCanvasStore((s) => s.nodes);
  const onNodesChange = useCanvasStore((s) => s.onNodesChange);
  return <ReactFlow nodes={nodes} onNodesChange={onNodesChange} nodeTypes={nodeTypes} />;
}

function renderCanvas(spaceId: string) {
  const nodes: AppNode[] = [{ id: 'g1', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId } }];
  resetCanvas({ name: 'Test', nodes, edges: [] });
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ReactFlowProvider>
        <SpacePickerProvider>
          <div style={{ width: 800, height: 600 }}>
            <StoreCanvas />
          </div>
        </SpacePickerProvider>
      </ReactFlowProvider>
    </QueryClientProvider>,
  );
  return screen.getByTestId('genie-node');
}

// Unmeasured nodes are visibility:hidden in jsdom, which hides their accessible names: find the button by its text.
function chooseSpace(block: HTMLElement): HTMLElement {
  return within(block).getByText('Choose space', { selector: 'button' });
}

describe('GenieNode', () => {
  it('loads its space again when the space it already has is picked while it shows an error', async () => {
    let healthy = false;
    server.handle((_req, res, url) => {
      if (url.pathname === '/api/genie/spaces') {
        sendJson(res, 200, { spaces: [{ space_id: SPACE, title: 'Sales Analytics' }] });
      } else if (!healthy) {
        sendProblem(res, 503, 'SERVICE_UNAVAILABLE', 'No Genie responder is running.');
      } else {
        sendJson(res, 200, { space_id: SPACE, display_name: 'Sales Analytics' });
      }
    });
    const block = renderCanvas(SPACE);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('error'));
    expect(within(block).getByTestId('genie-error').textContent).toContain('Genie service unavailable');

    healthy = true;
    fireEvent.click(chooseSpace(block));
    const option = await screen.findByTestId('space-option');
    expect(option.getAttribute('aria-current')).toBe('true');
    fireEvent.click(option);

    await waitFor(() => expect(block.getAttribute('data-state')).toBe('ready'));
    expect(within(block).getByTestId('genie-title').textContent).toBe('Sales Analytics');
    expect(block.getAttribute('data-space-id')).toBe(SPACE);
    expect(server.requests.filter((path) => path.startsWith('/api/genie/get'))).toEqual([
      `/api/genie/get?space_id=${SPACE}`,
      `/api/genie/get?space_id=${SPACE}`,
    ]);
  });

  it('loads another space when another one is picked', async () => {
    server.handle((_req, res, url) => {
      if (url.pathname === '/api/genie/spaces') {
        sendJson(res, 200, { spaces: [{ space_id: SPACE, title: 'Sales' }, { space_id: 'other', title: 'Other' }] });
      } else {
        const id = url.searchParams.get('space_id');
        sendJson(res, 200, { space_id: id, display_name: `Space ${id}` });
      }
    });
    const block = renderCanvas(SPACE);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('ready'));

    fireEvent.click(chooseSpace(block));
    const options = await screen.findAllByTestId('space-option');
    fireEvent.click(options.find((o) => o.getAttribute('data-space-id') === 'other')!);

    await waitFor(() => expect(within(block).getByTestId('genie-title').textContent).toBe('Space other'));
    expect(block.getAttribute('data-space-id')).toBe('other');
  });

  it('keeps the focus in the block, on the question box, when a sample question is clicked', async () => {
    server.handle((_req, res, url) => {
      if (url.pathname === '/api/genie/ask') sendProblem(res, 503, 'SERVICE_UNAVAILABLE', 'No Genie responder is running.');
      else sendJson(res, 200, { space_id: SPACE, display_name: 'Sales Analytics', sample_questions: ['What was revenue by region?'] });
    });
    const block = renderCanvas(SPACE);
    await waitFor(() => expect(block.getAttribute('data-state')).toBe('ready'));
    fireEvent.click(within(block).getByText('What was revenue by region?', { selector: 'button' }));
    expect(document.activeElement).toBe(block.querySelector('#ask-g1'));
    await within(block).findByTestId('ask-error');
  });
});
