// Fixtures for namespace tests: an enrolled agent with a node in a cluster whose credential is sealed.
import { clusters, nodes, recordHeartbeat } from '@cachefleet/db';
import { createSealer } from '../src/security/sealer.js';
import { testSecretKey, type Caller, type Harness } from './harness.js';

export const sealer = createSealer(testSecretKey);

export interface FixtureAgent {
  agentId: string;
  caller: Caller;
}

/** Enrolls an agent that reports the given data-API and Redis ports on 127.0.0.1. */
export async function enrollAgent(
  h: Harness,
  name: string,
  ports: { agentPort: number; redisPort: number },
): Promise<FixtureAgent> {
  const { token } = await h.as.admin.enrollment.create({});
  const joined = await h.anonymous.agent.join({ token, name, hostname: `${name}.local` });
  await recordHeartbeat(h.client.db, joined.agentId, {
    address: '127.0.0.1',
    ...ports,
    version: '0.1.0',
    redisVersion: '7.0.0',
    redisUp: true,
    stats: null,
  });
  return { agentId: joined.agentId, caller: await h.asBearer(joined.credential) };
}

/** A cluster row with a sealed credential, and a node row per given agent. */
export async function createCluster(
  h: Harness,
  name: string,
  members: { agentId: string; host: string; port: number }[],
  credential = { username: 'cachefleet', password: `pw-${name}` },
): Promise<string> {
  const [cluster] = await h.client.db
    .insert(clusters)
    .values({
      name,
      redisUsername: credential.username,
      redisPasswordSealed: sealer.seal(credential.password),
    })
    .returning({ id: clusters.id });
  if (!cluster) throw new Error('no cluster row');
  for (const m of members) {
    await h.client.db.insert(nodes).values({ clusterId: cluster.id, ...m });
  }
  return cluster.id;
}
