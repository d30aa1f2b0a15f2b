import { describe, expect, it } from 'vitest';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { SpaceDetails } from './SpaceDetails';
import type { GenieSpace } from '../api/types';

const sales: GenieSpace = {
  space_id: '01f0eca3dc1b1cbc9b65fa58f94c18ad',
  id: '01f0eca3dc1b1cbc9b65fa58f94c18ad',
  display_name: 'Sales Analytics',
  description: 'Ask about revenue, orders, customers and products across regions.',
  warehouse_id: '4b9b953939869799',
  table_identifiers: ['main.sales.orders', 'main.sales.order_items', 'main.sales.customers', 'main.sales.products', 'main.sales.regions', 'main.sales.returns'],
  sample_questions: ['What was total revenue last quarter by region?', 'Which region has the highest return rate?', 'What is the average order value?'],
  last_updated_timestamp: 1760005932000,
};

describe('SpaceDetails', () => {
  it('shows title, description and warehouse', () => {
    render(<SpaceDetails space={sales} />);
    expect(screen.getByTestId('genie-title').textContent).toBe('Sales Analytics');
    expect(screen.getByTestId('genie-description').textContent).toContain('revenue, orders');
    expect(screen.getByTestId('genie-warehouse').textContent).toBe('4b9b953939869799');
  });

  it('shows the first tables and folds the rest behind "Show all"', () => {
    render(<SpaceDetails space={sales} />);
    const tables = screen.getByTestId('genie-tables');
    expect(within(tables).getAllByRole('listitem')).toHaveLength(4);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 6 (2 more)' }));
    expect(within(tables).getAllByRole('listitem').map((li) => li.textContent)).toEqual(sales.table_identifiers);
    fireEvent.click(screen.getByRole('button', { name: 'Show fewer' }));
    expect(within(tables).getAllByRole('listitem')).toHaveLength(4);
  });

  it('folds sample questions after two', () => {
    render(<SpaceDetails space={sales} />);
    expect(within(screen.getByTestId('genie-questions')).getAllByRole('listitem')).toHaveLength(2);
    expect(screen.getByRole('button', { name: 'Show all 3 (1 more)' })).toBeTruthy();
  });

  it('uses title when display_name is missing and says when there are no tables', () => {
    render(<SpaceDetails space={{ space_id: 'p', title: 'People Analytics', table_identifiers: [] }} />);
    expect(screen.getByTestId('genie-title').textContent).toBe('People Analytics');
    expect(screen.getByText('No tables')).toBeTruthy();
  });

  it('reads sample questions given as objects', () => {
    render(<SpaceDetails space={{ space_id: 'q', sample_questions: [{ question: ['How many orders?'] }, { text: 'Top region?' }] }} />);
    const items = within(screen.getByTestId('genie-questions')).getAllByRole('listitem');
    expect(items.map((li) => li.textContent)).toEqual(['How many orders?', 'Top region?']);
  });
});
