import { describe, expect, it } from 'vitest';
import { planCreateCluster } from './plan-create.js';
import { planRebalance, type PrimarySlots } from './plan-rebalance.js';
import { countSlots, evenRanges, slotsOf } from './slot-math.js';

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const agent = (i: number, host = '127.0.0.1') => ({ agentId: uuid(i), host, port: 7000 + i });
const node = (i: number) => ({ nodeId: uuid(100 + i), host: '127.0.0.1', port: 7000 + i });

describe('planCreateCluster', () => {
  it('splits 16384 slots evenly in contiguous ranges over the primaries', () => {
    expect(evenRanges(3)).toEqual([
      { start: 0, end: 5461 },
      { start: 5462, end: 10922 },
      { start: 10923, end: 16383 },
    ]);
    const plan = planCreateCluster(
      [1, 2, 3].map((i) => agent(i)),
      0,
    );
    expect(plan.steps.map((s) => s.kind)).toEqual([
      'await-nodes',
      'meet',
      'assign-slots',
      'await-cluster-ok',
    ]);
  });

  it('gives every primary R replicas, on another host than its primary when it can', () => {
    const agents = [
      agent(1, 'a'),
      agent(2, 'a'),
      agent(3, 'b'),
      agent(4, 'b'),
      agent(5, 'c'),
      agent(6, 'c'),
    ];
    const plan = planCreateCluster(agents, 1);
    const primaries = plan.nodes.filter((n) => n.role === 'primary');
    const replicas = plan.nodes.filter((n) => n.role === 'replica');
    expect(primaries.map((p) => p.host).sort()).toEqual(['a', 'b', 'c']);
    expect(replicas).toHaveLength(3);
    for (const r of replicas) {
      const primary = primaries.find((p) => p.nodeId === r.primaryNodeId);
      expect(primary?.host).not.toBe(r.host);
    }
    expect(new Set(replicas.map((r) => r.primaryNodeId)).size).toBe(3);
    expect(plan.steps.filter((s) => s.kind === 'replicate')).toHaveLength(3);
  });
});

describe('planRebalance', () => {
  const three = (): PrimarySlots[] => evenRanges(3).map((r, i) => ({ node: node(i), ranges: [r] }));

  it('moves only surplus slots to a new empty primary: 4096 slots, each primary ends at 4096', () => {
    const primaries = [...three(), { node: node(3), ranges: [] }];
    const plan = planRebalance(primaries);
    expect(plan.totalSlots).toBe(4096);
    expect(plan.moves.every((m) => m.to.nodeId === node(3).nodeId)).toBe(true);
    const moved = plan.moves.flatMap((m) => slotsOf(m.ranges));
    expect(new Set(moved).size).toBe(4096);
    // Each donor gives a contiguous tail: one range per (from, to).
    expect(plan.moves.every((m) => m.ranges.length === 1)).toBe(true);
    const after = primaries.map(
      (p) =>
        countSlots(p.ranges) -
        plan.moves.filter((m) => m.from.nodeId === p.node.nodeId).reduce((s, m) => s + m.slots, 0) +
        plan.moves.filter((m) => m.to.nodeId === p.node.nodeId).reduce((s, m) => s + m.slots, 0),
    );
    expect(after).toEqual([4096, 4096, 4096, 4096]);
  });

  it('moves nothing when already balanced', () => {
    expect(planRebalance(three())).toEqual({ moves: [], totalSlots: 0 });
  });

  it('drains a primary evenly onto the others', () => {
    const four = planRebalance([...three(), { node: node(3), ranges: [] }]);
    expect(four.totalSlots).toBe(4096);
    const balanced4: PrimarySlots[] = evenRanges(4).map((r, i) => ({ node: node(i), ranges: [r] }));
    const drain = planRebalance(balanced4, new Set([node(3).nodeId]));
    expect(drain.totalSlots).toBe(4096);
    expect(drain.moves.every((m) => m.from.nodeId === node(3).nodeId)).toBe(true);
    const received = [0, 1, 2].map((i) =>
      drain.moves.filter((m) => m.to.nodeId === node(i).nodeId).reduce((s, m) => s + m.slots, 0),
    );
    expect(received.reduce((a, b) => a + b, 0)).toBe(4096);
    expect(Math.max(...received) - Math.min(...received)).toBeLessThanOrEqual(1);
  });
});
