// Forms the Redis Cluster the console just planned without the agents' step executor: what the
// create-cluster operation's steps do (fleet contract), done here with redis-cli on each node.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { agentRedis, redisCli } from './monitoring-helpers.js';

interface HandAgent {
  dir: string;
  /** Where the other nodes reach this one (the agent's reported address). */
  host: string;
}

interface Credential {
  username: string;
  password: string;
}

/** The cluster credential as the control plane hands it to a member agent (its own credential). */
async function clusterCredential(consoleUrl: string, agentDir: string): Promise<Credential> {
  const config = JSON.parse(await readFile(path.join(agentDir, 'agent.json'), 'utf8')) as {
    credential: string;
  };
  const response = await fetch(`${consoleUrl}/api/trpc/agentFleet.desiredState`, {
    headers: { authorization: `Bearer ${config.credential}` },
  });
  const body = (await response.json()) as {
    result?: { data: { cluster: { redisUsername: string; redisPassword: string } | null } };
  };
  const cluster = body.result?.data.cluster;
  if (!cluster) throw new Error(`agent has no cluster yet: ${JSON.stringify(body)}`);
  return { username: cluster.redisUsername, password: cluster.redisPassword };
}

/** Three primaries' share of the 16384 slots. */
function slotRanges(count: number): [number, number][] {
  const per = Math.floor(16_384 / count);
  return Array.from({ length: count }, (_, i) => [
    i * per,
    i === count - 1 ? 16_383 : (i + 1) * per - 1,
  ]);
}

async function clusterOk(redis: { port: number; password: string }): Promise<boolean> {
  return (await redisCli(redis, ['CLUSTER', 'INFO'])).includes('cluster_state:ok');
}

/** Applies the credential, meets every node with the first, assigns slots, waits for ok. */
export async function formClusterByHand(consoleUrl: string, agents: HandAgent[]): Promise<void> {
  const first = agents[0];
  if (!first) throw new Error('no agents');
  const credential = await clusterCredential(consoleUrl, first.dir);
  const nodes = await Promise.all(agents.map((a) => agentRedis(a.dir)));
  const ranges = slotRanges(nodes.length);
  for (const node of nodes) {
    const { username, password } = credential;
    await redisCli(node, ['ACL', 'SETUSER', username, 'on', `>${password}`, '~*', '&*', '+@all']);
    await redisCli(node, ['CONFIG', 'SET', 'masteruser', username]);
    await redisCli(node, ['CONFIG', 'SET', 'masterauth', password]);
  }
  const [head, ...rest] = nodes;
  for (const [index, node] of rest.entries()) {
    const host = agents[index + 1]?.host ?? '127.0.0.1';
    if (head) await redisCli(head, ['CLUSTER', 'MEET', host, String(node.port)]);
  }
  for (const [index, node] of nodes.entries()) {
    const [start, end] = ranges[index] ?? [0, 0];
    await redisCli(node, ['CLUSTER', 'ADDSLOTSRANGE', String(start), String(end)]);
  }
  const deadline = Date.now() + 60_000;
  while (!(await Promise.all(nodes.map(clusterOk))).every(Boolean)) {
    if (Date.now() > deadline) throw new Error('the hand-made cluster never reported ok');
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
