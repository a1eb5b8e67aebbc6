// A ready Redis Cluster for journeys that need one: N real agents joined with console-issued
// enrollment tokens, made into a cluster through the console's own API (clusters.create), and
// awaited until the console's topology model says the cluster is ok with every slot covered.
import type { APIRequestContext } from '@playwright/test';
import type { RouterOutputs } from '@cachefleet/api';
import { formClusterByHand } from './cluster-by-hand.js';
import { startAgent } from './fixtures.js';
import { trpc } from './monitoring-helpers.js';

type AgentRow = RouterOutputs['nodes']['list'][number];
type ClusterView = RouterOutputs['clusters']['get'];
type Operation = RouterOutputs['clusters']['create'];

const allSlots = 16_384;

/** A console query with input (queries are GETs; `trpc` POSTs when given input). */
export async function trpcQuery<T>(
  request: APIRequestContext,
  procedure: string,
  input: unknown,
): Promise<T> {
  const url = `/api/trpc/${procedure}?input=${encodeURIComponent(JSON.stringify(input))}`;
  const response = await request.get(url);
  const text = await response.text();
  if (!response.ok()) throw new Error(`${procedure}: HTTP ${response.status()} ${text}`);
  return (JSON.parse(text) as { result: { data: T } }).result.data;
}

/** Polls `probe` until it returns a value, or fails with the last thing it saw. */
export async function waitUntil<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs: number,
  describe: () => string = () => '',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // A failed poll (e.g. the console briefly unreachable) counts as "not yet" until the deadline.
    const value = await probe().catch((error: unknown) => {
      if (Date.now() > deadline) throw error;
      return undefined;
    });
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what} ${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

export interface ClusterAgent {
  name: string;
  dir: string;
  row: AgentRow;
  /** The agent's data API, e.g. `http://127.0.0.1:40123`. */
  dataUrl: string;
  stop: () => Promise<void>;
}

export interface ClusterFixture {
  clusterId: string;
  name: string;
  agents: ClusterAgent[];
  view: () => Promise<ClusterView>;
  stop: () => Promise<void>;
}

export async function startAgents(request: APIRequestContext, consoleUrl: string, names: string[]) {
  const started: { name: string; dir: string; stop: () => Promise<void> }[] = [];
  try {
    for (const name of names) {
      const { token } = await trpc<{ token: string }>(request, 'enrollment.create', {
        note: `cluster fixture ${name}`,
        ttlMinutes: 15,
      });
      started.push({ name, ...(await startAgent(consoleUrl, token, name)) });
    }
  } catch (error) {
    await Promise.all(started.map((a) => a.stop()));
    throw error;
  }
  return started;
}

/** Every agent's row once it has reported where its Redis and data API listen. */
export async function awaitReported(
  request: APIRequestContext,
  names: string[],
): Promise<AgentRow[]> {
  let seen: AgentRow[] = [];
  return waitUntil(
    `agents ${names.join(', ')} to report their addresses`,
    async () => {
      seen = await trpc<AgentRow[]>(request, 'nodes.list');
      const rows = names.map((n) => seen.find((a) => a.name === n));
      const ready = rows.filter((r): r is AgentRow =>
        Boolean(r?.address && r.redisPort && r.agentPort),
      );
      return ready.length === names.length ? ready : undefined;
    },
    60_000,
    () => JSON.stringify(seen.map((a) => [a.name, a.address, a.redisPort, a.agentPort])),
  );
}

type OperationView = RouterOutputs['operations']['get'];

/**
 * What keeps the cluster's replicas from being able to take over, one line per offending node:
 * a slot-owning primary with fewer than `perPrimary` replicas, a replica not attached to a known
 * primary, or one whose health is not ok (`syncing` until its first sync finished) or whose
 * primary does not list it online yet (no lag known). Empty once every replica could take over.
 */
export function replicasNotReady(view: ClusterView, perPrimary: number): string[] {
  const problems: string[] = [];
  for (const p of view.primaries) {
    if (p.slotCount > 0 && p.replicas.length < perPrimary) {
      problems.push(`primary ${p.agentName} has ${p.replicas.length} of ${perPrimary} replicas`);
    }
  }
  // A replica counts as attached under a primary that has joined (its Redis node id is known).
  const joined = view.primaries.filter((p) => p.redisNodeId !== null);
  const attached = new Set(joined.flatMap((p) => p.replicas.map((r) => r.id)));
  const nameOf = new Map(joined.map((p) => [p.redisNodeId, p.agentName]));
  for (const n of view.nodes.filter((node) => node.role === 'replica')) {
    if (attached.has(n.id) && n.health === 'ok' && n.replicationLagBytes !== null) continue;
    const where = attached.has(n.id)
      ? `of ${nameOf.get(n.replicaOf) ?? '?'}`
      : `unattached (replicaOf ${n.replicaOf ?? 'none'})`;
    problems.push(`replica ${n.agentName} ${where}: ${n.health}, lag ${n.replicationLagBytes}`);
  }
  return problems;
}

/**
 * The cluster once its create operation has succeeded and the console's model says it is ok with
 * every slot owned and, with `replicas` per primary, each replica attached and synced. The cluster
 * state alone is not enough: it turns ok as soon as the slots are assigned, while the replicas are
 * still being attached and synced, and a replica that has not finished its first sync refuses to
 * take over from a killed primary.
 */
async function awaitClusterOk(request: APIRequestContext, operation: Operation, replicas: number) {
  let last: unknown;
  const outcome = await waitUntil(
    `cluster ${operation.clusterId} to be created and ok`,
    async () => {
      const progress = await trpcQuery<OperationView>(request, 'operations.get', {
        id: operation.id,
      });
      if (progress.status === 'failed' || progress.status === 'cancelled') {
        return { ended: `create operation ${progress.status}: ${progress.error ?? ''}` };
      }
      const view = await trpcQuery<ClusterView>(request, 'clusters.get', {
        clusterId: operation.clusterId,
      });
      const notReady = replicas > 0 ? replicasNotReady(view, replicas) : [];
      const { state } = view.cluster;
      last = { notReady, state, slots: view.slotsCovered, operation: progress };
      const created = progress.status === 'succeeded';
      const ok = state === 'ok' && view.slotsCovered === allSlots && notReady.length === 0;
      return created && ok ? { view } : undefined;
    },
    120_000,
    () => JSON.stringify(last).slice(0, 4000),
  );
  if ('ended' in outcome) throw new Error(outcome.ended);
  return outcome.view;
}

/**
 * Starts `count` agents (3 primaries by default, the fewest a cluster takes) and creates a cluster
 * from them through the console. `request` must be signed in as an operator or admin (a page's
 * `page.request` after signing in).
 */
export async function startClusterFixture(
  request: APIRequestContext,
  consoleUrl: string,
  options: {
    name: string;
    count?: number;
    replicas?: number;
    /**
     * Form the Redis Cluster from the test (redis-cli) instead of waiting for the agents to run
     * the create operation's steps; for builds whose agents do not execute steps yet.
     */
    byHand?: boolean;
  },
): Promise<ClusterFixture> {
  const names = Array.from({ length: options.count ?? 3 }, (_, i) => `${options.name}-${i + 1}`);
  const started = await startAgents(request, consoleUrl, names);
  const stop = async () => {
    await Promise.all(started.map((a) => a.stop()));
  };
  try {
    const rows = await awaitReported(request, names);
    const operation = await trpc<Operation>(request, 'clusters.create', {
      name: options.name,
      agentIds: rows.map((r) => r.id),
      replicas: options.replicas ?? 0,
    });
    if (options.byHand) {
      const hosts = rows.map((r) => r.address ?? '127.0.0.1');
      await formClusterByHand(
        consoleUrl,
        started.map((a, i) => ({ dir: a.dir, host: hosts[i] ?? '127.0.0.1' })),
      );
    } else {
      await awaitClusterOk(request, operation, options.replicas ?? 0);
    }
    const agents = started.map((a, i) => {
      const row = rows[i];
      if (!row) throw new Error(`no row for ${a.name}`);
      return { ...a, row, dataUrl: `http://${row.address ?? ''}:${row.agentPort ?? 0}` };
    });
    return {
      clusterId: operation.clusterId,
      name: options.name,
      agents,
      view: () =>
        trpcQuery<ClusterView>(request, 'clusters.get', { clusterId: operation.clusterId }),
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}
