import { describe, expect, it, vi } from 'vitest';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { QueryClientProvider } from '@tanstack/react-query';
import type { IncomingMessage } from 'node:http';
import { createQueryClient, spaceQuery } from '../api/queries';
import { sendJson, sendProblem, withLoopbackApi } from '../test/loopbackServer';
import { CreateSpaceDialog } from './CreateSpaceDialog';

// Answers come over real sockets from a loaded machine: wait for them longer than Testing Library's 1 s.
const SLOW = { timeout: 10_000 };

const server = withLoopbackApi();

const WAREHOUSES = [
  { id: 'w-running', name: 'Shared Serverless', state: 'RUNNING', cluster_size: '2X-Small' },
  { id: 'w-stopped', name: 'HR and Finance', state: 'STOPPED', cluster_size: 'Medium' },
];
const TABLES = [
  { name: 'orders', full_name: 'main.sales.orders', comment: 'One row per order' },
  { name: 'order_items', full_name: 'main.sales.order_items', comment: null },
  { name: 'regions', full_name: 'main.sales.regions', comment: 'Sales regions' },
];

function readBody(req: IncomingMessage): Promise<unknown> {
  return new Promise((resolve) => {
    let text = '';
    req.on('data', (chunk: Buffer) => (text += chunk.toString()));
    req.on('end', () => resolve(JSON.parse(text)));
  });
}

/** The workspace API of the bridge; POST /api/genie/spaces answers with `create`. */
function serveWorkspace(create: (body: unknown) => { status: number; body: unknown }) {
  const posted: unknown[] = [];
  server.handle((req, res, url) => {
    switch (url.pathname) {
      case '/api/workspace/warehouses':
        return sendJson(res, 200, { warehouses: WAREHOUSES });
      case '/api/workspace/catalogs':
        return sendJson(res, 200, { catalogs: [{ name: 'main', full_name: 'main' }, { name: 'hr', full_name: 'hr' }] });
      case '/api/workspace/schemas':
        return sendJson(res, 200, { schemas: [{ name: 'sales', full_name: `${url.searchParams.get('catalog')}.sales` }] });
      case '/api/workspace/tables':
        return sendJson(res, 200, { tables: TABLES });
      case '/api/genie/spaces':
        void readBody(req).then((body) => {
          posted.push(body);
          const answer = create(body);
          if (answer.status >= 400) sendProblem(res, answer.status, 'NOT_FOUND', String(answer.body));
          else sendJson(res, answer.status, answer.body);
        });
        return;
      default:
        return sendProblem(res, 404, 'NOT_FOUND', 'no such route');
    }
  });
  return posted;
}

function renderDialog() {
  const client = createQueryClient();
  const onCreated = vi.fn();
  const onClose = vi.fn();
  render(
    <QueryClientProvider client={client}>
      <CreateSpaceDialog onCreated={onCreated} onClose={onClose} />
    </QueryClientProvider>,
  );
  return { client, onCreated, onClose, dialog: screen.getByTestId('create-space-dialog') };
}

async function chooseOrdersAndRegions(dialog: HTMLElement) {
  const catalog = within(dialog).getByLabelText('Catalog');
  await waitFor(() => expect(within(catalog).getByRole('option', { name: 'main' })).toBeTruthy(), SLOW);
  fireEvent.change(catalog, { target: { value: 'main' } });
  const schema = within(dialog).getByLabelText('Schema');
  await waitFor(() => expect(within(schema).getByRole('option', { name: 'sales' })).toBeTruthy(), SLOW);
  fireEvent.change(schema, { target: { value: 'sales' } });
  await within(dialog).findByText('One row per order', {}, SLOW);
  fireEvent.change(within(dialog).getByLabelText('Search tables'), { target: { value: 'order' } });
  expect(within(dialog).getAllByTestId('table-option').map((o) => o.getAttribute('data-table'))).toEqual([
    'main.sales.orders',
    'main.sales.order_items',
  ]);
  fireEvent.click(within(dialog).getByRole('checkbox', { name: /^orders/ }));
  fireEvent.change(within(dialog).getByLabelText('Search tables'), { target: { value: '' } });
  fireEvent.click(within(dialog).getByRole('checkbox', { name: /^regions/ }));
}

// Each test drives a whole form over real HTTP; on a loaded two-core machine that takes seconds.
describe('CreateSpaceDialog', { timeout: 30_000 }, () => {
  it('creates a space from a browsed warehouse and tables, and hands it over cached', async () => {
    const space = { space_id: '01f1aaaabbbbccccddddeeeeffff0000', display_name: 'Sales desk', table_identifiers: ['main.sales.orders'] };
    const posted = serveWorkspace(() => ({ status: 201, body: space }));
    const { client, onCreated, dialog } = renderDialog();

    const warehouse = within(dialog).getByLabelText('SQL warehouse') as HTMLSelectElement;
    await waitFor(() => expect(warehouse.value).toBe('w-running'), SLOW);
    expect([...warehouse.options].map((o) => o.textContent)).toEqual([
      'Choose a warehouse…',
      'Shared Serverless — running · 2X-Small',
      'HR and Finance — stopped · Medium',
    ]);
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: '  Sales desk ' } });
    await chooseOrdersAndRegions(dialog);
    expect(within(dialog).getAllByTestId('table-chip').map((c) => c.textContent)).toEqual(['main.sales.orders×', 'main.sales.regions×']);
    fireEvent.change(within(dialog).getByLabelText('Sample question 1'), { target: { value: 'Revenue by region?' } });
    fireEvent.click(within(dialog).getByRole('button', { name: 'Create space' }));

    await waitFor(() => expect(onCreated).toHaveBeenCalledWith(space), SLOW);
    expect(posted).toEqual([
      {
        title: 'Sales desk',
        warehouse_id: 'w-running',
        table_identifiers: ['main.sales.orders', 'main.sales.regions'],
        sample_questions: ['Revenue by region?'],
      },
    ]);
    expect(client.getQueryData(spaceQuery(space.space_id).queryKey)).toEqual(space);
  });

  it('checks the form before sending and says what is wrong, on the field', async () => {
    serveWorkspace(() => ({ status: 500, body: 'must not be called' }));
    const { dialog } = renderDialog();
    await waitFor(() => expect((within(dialog).getByLabelText('SQL warehouse') as HTMLSelectElement).value).toBe('w-running'), SLOW);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create space' }));

    const title = within(dialog).getByLabelText('Title');
    expect(title.getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(title);
    expect(within(dialog).getByText('Give the space a title.')).toBeTruthy();
    expect(within(dialog).getByText('Choose at least one table.')).toBeTruthy();
    expect(server.requests.some((path) => path.startsWith('/api/genie/spaces'))).toBe(false);

    fireEvent.change(title, { target: { value: 't'.repeat(201) } });
    expect(within(dialog).getByText('The title is 201 characters; at most 200.')).toBeTruthy();
  });

  it('shows a refusal in the form and keeps everything typed', async () => {
    serveWorkspace(() => ({ status: 404, body: "Databricks refused the new Genie space: Table 'main.sales.orders' does not exist." }));
    const { onCreated, dialog } = renderDialog();
    fireEvent.change(within(dialog).getByLabelText('Title'), { target: { value: 'Sales desk' } });
    fireEvent.change(within(dialog).getByLabelText('Description (optional)'), { target: { value: 'For the sales team' } });
    await chooseOrdersAndRegions(dialog);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Create space' }));

    const alert = await within(dialog).findByTestId('create-error', {}, SLOW);
    expect(alert.textContent).toContain("Table 'main.sales.orders' does not exist.");
    expect(alert.textContent).toContain('req-42');
    await waitFor(() => expect(document.activeElement).toBe(alert), SLOW);
    expect(onCreated).not.toHaveBeenCalled();
    expect((within(dialog).getByLabelText('Title') as HTMLInputElement).value).toBe('Sales desk');
    expect((within(dialog).getByLabelText('Description (optional)') as HTMLTextAreaElement).value).toBe('For the sales team');
    expect(within(dialog).getAllByTestId('table-chip')).toHaveLength(2);
    expect(within(dialog).getByRole('button', { name: 'Create space' }).hasAttribute('disabled')).toBe(false);
  });

  it('removes a chosen table with its chip and closes on Cancel', async () => {
    serveWorkspace(() => ({ status: 500, body: 'unused' }));
    const { onClose, dialog } = renderDialog();
    await chooseOrdersAndRegions(dialog);

    fireEvent.click(within(dialog).getByRole('button', { name: 'Remove main.sales.orders' }));

    expect(within(dialog).getAllByTestId('table-chip').map((c) => c.textContent)).toEqual(['main.sales.regions×']);
    expect((within(dialog).getByRole('checkbox', { name: /^orders/ }) as HTMLInputElement).checked).toBe(false);
    fireEvent.click(within(dialog).getByRole('button', { name: 'Cancel' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });
});
