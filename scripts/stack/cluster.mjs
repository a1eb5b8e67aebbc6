// @ts-check
// The local cluster: on a start with no cluster yet, the launcher creates one from its idle local
// agents (3 primaries, --replicas N replicas each) and follows the operation until it ends.
import { createDbClient, findOperation, listClusters, listIdleAgents } from '@cachefleet/db';
import { createCluster, createClusterInput, createContext } from '@cachefleet/api';

const sleep = (/** @type {number} */ ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Idle agents among `names` that have reported where their Redis listens. */
async function readyAgents(/** @type {any} */ db, /** @type {string[]} */ names) {
  const idle = await listIdleAgents(db);
  return idle.filter((a) => names.includes(a.name) && a.address && a.redisPort);
}

/**
 * @param {{ databaseUrl: string, secretKey: string, replicas: number, agentNames: string[],
 *   timeoutMs?: number }} options
 * @returns {Promise<string>} what happened, for the start summary
 */
export async function ensureLocalCluster(options) {
  const client = createDbClient(options.databaseUrl, { max: 2 });
  try {
    const db = client.db;
    const existing = await listClusters(db);
    if (existing.length > 0) return `existing (${existing.map((c) => c.name).join(', ')})`;
    const needed = 3 * (1 + options.replicas);
    if (options.agentNames.length < needed) {
      return `none: 3 primaries with ${options.replicas} replica(s) need ${needed} agents; ${options.agentNames.length} run (use --nodes)`;
    }
    let agents = await readyAgents(db, options.agentNames);
    for (let i = 0; i < 30 && agents.length < needed; i++) {
      await sleep(1_000);
      agents = await readyAgents(db, options.agentNames);
    }
    if (agents.length < needed) {
      return `none: ${needed} idle agents are needed for 3 primaries with ${options.replicas} replica(s), ${agents.length} are ready (use --nodes)`;
    }
    const ctx = await createContext({ db, systemActor: 'launcher', secretKey: options.secretKey });
    const input = createClusterInput.parse({
      name: 'local',
      agentIds: agents.slice(0, needed).map((a) => a.id),
      replicas: options.replicas,
    });
    const operation = await createCluster(ctx, input);
    return await follow(db, operation.id, options.timeoutMs ?? 90_000);
  } finally {
    await client.close();
  }
}

/** Prints the operation's progress until it ends or the timeout passes (then start goes on). */
async function follow(
  /** @type {any} */ db,
  /** @type {string} */ id,
  /** @type {number} */ timeoutMs,
) {
  const deadline = Date.now() + timeoutMs;
  let last = '';
  while (Date.now() < deadline) {
    const op = await findOperation(db, id);
    if (!op) return 'create operation vanished';
    const running = op.steps.find((s) => s.status === 'running' || s.status === 'pending');
    const line = `${Math.round(op.progress * 100)}% ${running ? `step ${running.position + 1}/${op.steps.length} ${running.kind} (${running.status})` : ''}`;
    if (line !== last) process.stdout.write(`\n  cluster "local": ${line}`);
    last = line;
    if (op.status === 'succeeded') return 'local (created now)';
    if (op.status === 'failed' || op.status === 'cancelled') {
      return `local: create ${op.status}: ${op.error ?? ''} (see the Operations page)`;
    }
    await sleep(1_000);
  }
  console.warn(
    `\ncachefleet: warning: the cluster is not ready after ${Math.round(timeoutMs / 1000)} s; ` +
      'its create operation goes on in the background (do the agents execute operation steps yet?)',
  );
  return 'local (still being created; see the Operations page)';
}
