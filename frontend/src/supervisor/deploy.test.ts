import { describe, expect, it } from 'vitest';
import type { AppEdge, AppNode, SupervisorNodeData } from '../nodes/types';
import { agentsOf, buildDeployRequest, defaultDescription, deployProblem, deployState, fingerprint, readSupervisorData } from './deploy';

const data = (over: Partial<SupervisorNodeData> = {}): SupervisorNodeData => ({
  name: 'Business',
  description: 'Routes business questions',
  instructions: '',
  supervisorAgentId: null,
  deployment: null,
  ...over,
});
const nodes: AppNode[] = [
  { id: 'g1', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId: 'space-a' } },
  { id: 'g2', type: 'genie', position: { x: 0, y: 0 }, data: { spaceId: 'space-b' } },
  { id: 's', type: 'supervisor', position: { x: 0, y: 0 }, data: data() },
];
const edges: AppEdge[] = [
  { id: 'e1', source: 'g1', target: 's' },
  { id: 'e2', source: 'g2', target: 's', data: { description: 'Stock levels' } },
];
const spaceDescription = (spaceId: string | null) => `About ${spaceId}`;

function deployed(over: Partial<SupervisorNodeData> = {}) {
  const request = buildDeployRequest(data(), agentsOf('s', nodes, edges, spaceDescription));
  return data({ supervisorAgentId: 'abc', deployment: { fingerprint: fingerprint(request), endpointName: 'mas-abc', tools: [] }, ...over });
}

describe('the deploy request', () => {
  it('takes each connection’s own description, else the space’s', () => {
    const agents = agentsOf('s', nodes, edges, spaceDescription);
    expect(buildDeployRequest(data(), agents).agents).toEqual([
      { space_id: 'space-a', description: 'About space-a' },
      { space_id: 'space-b', description: 'Stock levels' },
    ]);
    expect(agents.map((a) => a.defaulted)).toEqual([true, false]);
  });

  it('defaults to the space description, cut to 500 characters', () => {
    expect(defaultDescription('x', { description: 'd'.repeat(600) })).toHaveLength(500);
    expect(defaultDescription('x', { title: 'Sales' })).toBe('Answers questions about Sales.');
  });

  it('is checked before it is sent', () => {
    expect(deployProblem(buildDeployRequest(data({ name: ' ' }), []))).toMatch(/name/);
    expect(deployProblem(buildDeployRequest(data(), []))).toMatch(/at least one Genie block/);
    expect(deployProblem(buildDeployRequest(data(), agentsOf('s', nodes, edges, spaceDescription)))).toBeNull();
  });
});

describe('deployState ("Deployed" / "Changed since deploy")', () => {
  const request = (d: SupervisorNodeData, e = edges) => buildDeployRequest(d, agentsOf('s', nodes, e, spaceDescription));

  it('is new before the first deploy', () => {
    expect(deployState(data(), request(data()))).toBe('new');
  });

  it('is deployed while nothing changed, whatever the order of the connections', () => {
    const d = deployed();
    expect(deployState(d, request(d))).toBe('deployed');
    expect(deployState(d, request(d, [...edges].reverse()))).toBe('deployed');
  });

  it('is changed after a field, a routing description or a connection changed', () => {
    const d = deployed();
    expect(deployState(d, request({ ...d, instructions: 'Be brief.' }))).toBe('changed');
    expect(deployState(d, request(d, [edges[0]!, { ...edges[1]!, data: { description: 'Shipments' } }]))).toBe('changed');
    expect(deployState(d, request(d, [edges[0]!]))).toBe('changed');
  });

  it('is incomplete after a partial failure', () => {
    const d = deployed({ deployment: { fingerprint: null, endpointName: null, tools: [] } });
    expect(deployState(d, request(d))).toBe('incomplete');
  });
});

describe('readSupervisorData', () => {
  it('keeps a valid id and deployment, resets what does not check out', () => {
    const read = readSupervisorData({ name: 5, supervisorAgentId: '3f2a-b', deployment: { fingerprint: 'f', endpointName: 'e', tools: [{ tool_id: 't' }, 'x'] } });
    expect(read).toEqual({
      name: '',
      description: '',
      instructions: '',
      supervisorAgentId: '3f2a-b',
      deployment: { fingerprint: 'f', endpointName: 'e', tools: [{ tool_id: 't', space_id: null, description: null }] },
    });
    expect(readSupervisorData({ supervisorAgentId: '../x', deployment: {} }).deployment).toBeNull();
  });
});
