import { randomUUID } from 'node:crypto';
import { evenRanges } from './slot-math.js';
import type { NodeRef, StepSpec } from './step-spec.js';

export interface CandidateAgent {
  agentId: string;
  host: string;
  port: number;
}

export interface PlannedNode extends NodeRef {
  agentId: string;
  role: 'primary' | 'replica';
  /** For replicas: the planned primary's node id. */
  primaryNodeId: string | null;
}

export interface CreatePlan {
  nodes: PlannedNode[];
  steps: StepSpec[];
}

/** Redis Cluster needs a majority of at least 3 primaries to fail over on its own. */
export const minPrimaries = 3;

/** Orders agents so consecutive ones sit on different hosts where possible (round-robin by host). */
export function interleaveByHost<T extends { host: string }>(agents: readonly T[]): T[] {
  const byHost = new Map<string, T[]>();
  for (const a of agents) byHost.set(a.host, [...(byHost.get(a.host) ?? []), a]);
  const queues = [...byHost.values()];
  const out: T[] = [];
  while (out.length < agents.length) {
    for (const q of queues) {
      const next = q.shift();
      if (next) out.push(next);
    }
  }
  return out;
}

/**
 * Replica j goes to primary (j + shift) mod P (round-robin, so each gets R and extras spread);
 * the shift chosen is the one that puts the fewest replicas on their primary's host.
 */
function assignReplicas(primaries: PlannedNode[], replicas: PlannedNode[]): void {
  const p = primaries.length;
  const clashes = (shift: number) =>
    replicas.filter((r, j) => primaries[(j + shift) % p]?.host === r.host).length;
  let best = 0;
  for (let shift = 1; shift < p; shift++) if (clashes(shift) < clashes(best)) best = shift;
  replicas.forEach((r, j) => (r.primaryNodeId = primaries[(j + best) % p]?.nodeId ?? null));
}

/**
 * Plans a new cluster: floor(N / (1 + R)) primaries with contiguous, even slot ranges; the other
 * agents become replicas, spread so every primary gets R (extras go to the least-replicated), on
 * another host than their primary when one is available. Steps: wait for every node to accept the
 * cluster user, meet, assign slots, attach replicas, wait for cluster_state:ok.
 */
export function planCreateCluster(agents: readonly CandidateAgent[], replicas: number): CreatePlan {
  const ordered = interleaveByHost(agents);
  const primaryCount = Math.floor(ordered.length / (1 + replicas));
  const planned = ordered.map((a, i): PlannedNode => ({
    nodeId: randomUUID(),
    agentId: a.agentId,
    host: a.host,
    port: a.port,
    role: i < primaryCount ? 'primary' : 'replica',
    primaryNodeId: null,
  }));
  const primaries = planned.filter((n) => n.role === 'primary');
  assignReplicas(
    primaries,
    planned.filter((n) => n.role === 'replica'),
  );
  return { nodes: planned, steps: createSteps(planned, primaries) };
}

const ref = ({ nodeId, host, port }: NodeRef): NodeRef => ({ nodeId, host, port });

function createSteps(planned: PlannedNode[], primaries: PlannedNode[]): StepSpec[] {
  const all = planned.map(ref);
  const ranges = evenRanges(primaries.length);
  const steps: StepSpec[] = [
    { kind: 'await-nodes', nodes: all },
    { kind: 'meet', nodes: all },
    {
      kind: 'assign-slots',
      assignments: primaries.map((p, i) => ({ node: ref(p), ranges: ranges.slice(i, i + 1) })),
    },
  ];
  for (const replica of planned) {
    const primary = primaries.find((p) => p.nodeId === replica.primaryNodeId);
    if (primary) steps.push({ kind: 'replicate', replica: ref(replica), primary: ref(primary) });
  }
  steps.push({ kind: 'await-cluster-ok', nodes: all });
  return steps;
}

export { ref as nodeRefOf };
