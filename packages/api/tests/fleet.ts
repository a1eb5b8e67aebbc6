// Fleet test helpers: enrolled agents that have reported their Redis address, and topology text.
import type { Caller, Harness } from './harness.js';

export interface TestAgent {
  id: string;
  name: string;
  port: number;
  caller: Caller;
}

/** Enrolls `count` agents through the real join flow; each heartbeats with 127.0.0.1:<port>. */
export function enrollAgents(h: Harness, count: number, firstPort: number): Promise<TestAgent[]> {
  return enrollAgentsAt(
    h,
    Array.from({ length: count }, (_, i) => firstPort + i),
  );
}

/** One enrolled agent per Redis port, each having reported 127.0.0.1:<port> as its Redis. */
export async function enrollAgentsAt(h: Harness, ports: number[]): Promise<TestAgent[]> {
  const out: TestAgent[] = [];
  for (const port of ports) {
    const { token } = await h.as.admin.enrollment.create({});
    const name = `fleet-${port}`;
    const joined = await h.anonymous.agent.join({ token, name, hostname: name });
    const caller = await h.asBearer(joined.credential);
    await caller.agent.heartbeat({
      address: '127.0.0.1',
      agentPort: port + 1000,
      redisPort: port,
      version: '0.1.0',
      redisVersion: '7.0.15',
      redisUp: true,
      stats: null,
    });
    out.push({ id: joined.agentId, name, port, caller });
  }
  return out;
}

/** The app code of a refused call, or 'OK'. */
export function appCodeOf(call: Promise<unknown>): Promise<string> {
  return call.then(
    () => 'OK',
    (e: unknown) => {
      const cause = (e as { cause?: { appCode?: string }; code?: string }).cause;
      return cause?.appCode ?? (e as { code?: string }).code ?? String(e);
    },
  );
}

export interface FakeNode {
  id: string;
  port: number;
  role: 'master' | 'slave';
  primaryId?: string;
  slots?: string[];
  flags?: string[];
}

/** CLUSTER NODES text as `me` sees the given nodes (real field layout). */
export function clusterNodesText(nodes: FakeNode[], me: string): string {
  return nodes
    .map((n) => {
      const flags = [...(n.id === me ? ['myself'] : []), n.role, ...(n.flags ?? [])].join(',');
      const link = n.flags?.includes('fail') ? 'disconnected' : 'connected';
      const primary = n.primaryId ?? '-';
      return [
        n.id,
        `127.0.0.1:${n.port}@${n.port + 10000}`,
        flags,
        primary,
        0,
        1700000000000,
        1,
        link,
        ...(n.slots ?? []),
      ].join(' ');
    })
    .join('\n');
}

export function clusterInfoText(state: 'ok' | 'fail', epoch: number, knownNodes: number): string {
  return [
    `cluster_state:${state}`,
    'cluster_slots_assigned:16384',
    `cluster_slots_ok:${state === 'ok' ? 16384 : 10923}`,
    'cluster_slots_pfail:0',
    `cluster_slots_fail:${state === 'ok' ? 0 : 5461}`,
    `cluster_known_nodes:${knownNodes}`,
    'cluster_size:3',
    `cluster_current_epoch:${epoch}`,
    'cluster_my_epoch:1',
  ].join('\r\n');
}

/** Plays a perfect executor: claims and succeeds every step it can, until none is left. */
export async function succeedAllSteps(agent: TestAgent): Promise<number> {
  let done = 0;
  for (;;) {
    const { step } = await agent.caller.agentFleet.claimStep({});
    if (!step) return done;
    const report = { stepId: step.id, attempt: step.attempt, progress: 1 };
    await agent.caller.agentFleet.reportStep({ ...report, status: 'succeeded' });
    done++;
  }
}

/** A 40-hex Redis node id that is easy to tell apart in a test. */
export const redisId = (i: number) => String(i).repeat(40).slice(0, 40);
