import { describe, expect, it } from 'vitest';
import type { AppEdge, AppNode } from '../nodes/types';
import { connectionProblem } from './connections';

const genie = (id: string, spaceId: string | null): AppNode => ({ id, type: 'genie', position: { x: 0, y: 0 }, data: { spaceId } });
const note = (id: string): AppNode => ({ id, type: 'note', position: { x: 0, y: 0 }, data: { text: '' } });
const supervisor = (id: string): AppNode => ({
  id,
  type: 'supervisor',
  position: { x: 0, y: 0 },
  data: { name: 'S', description: '', instructions: '', supervisorAgentId: null, deployment: null },
});
const nodes = [genie('g1', 'space-a'), genie('g2', 'space-b'), genie('g3', 'space-a'), note('n'), supervisor('s1'), supervisor('s2')];

describe('connectionProblem', () => {
  it('lets a Genie output feed a Supervisor', () => {
    expect(connectionProblem({ source: 'g1', target: 's1' }, nodes, [])).toBeNull();
  });

  it('lets one Genie block feed several supervisors', () => {
    const edges: AppEdge[] = [{ id: 'e', source: 'g1', target: 's1' }];
    expect(connectionProblem({ source: 'g1', target: 's2' }, nodes, edges)).toBeNull();
  });

  it('refuses a note into a Supervisor, with a hint naming the Genie output', () => {
    expect(connectionProblem({ source: 'n', target: 's1' }, nodes, [])).toMatch(/Only a Genie block can feed a Supervisor/);
  });

  it('refuses anything out of a Supervisor', () => {
    expect(connectionProblem({ source: 's1', target: 'n' }, nodes, [])).toMatch(/no output/);
    expect(connectionProblem({ source: 's1', target: 's2' }, nodes, [])).toMatch(/no output/);
  });

  it('refuses the same block twice and the same space through another block', () => {
    const edges: AppEdge[] = [{ id: 'e', source: 'g1', target: 's1' }];
    expect(connectionProblem({ source: 'g1', target: 's1' }, nodes, edges)).toMatch(/already feeds/);
    expect(connectionProblem({ source: 'g3', target: 's1' }, nodes, edges)).toMatch(/space-a already feeds/);
    expect(connectionProblem({ source: 'g2', target: 's1' }, nodes, edges)).toBeNull();
  });

  it('keeps the other connections as they were, but never a block to itself', () => {
    expect(connectionProblem({ source: 'g1', target: 'n' }, nodes, [])).toBeNull();
    expect(connectionProblem({ source: 'n', target: 'n' }, nodes, [])).toMatch(/itself/);
  });
});
