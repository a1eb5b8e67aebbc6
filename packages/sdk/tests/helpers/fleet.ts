// Rows a control plane holds for one cluster and its namespaces, written straight through the db
// (no fleet orchestration in these tests), and the Redis ACL users the agents would apply.
import { createHash, randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { createSealer } from '@cachefleet/api';
import { scopesAclRules } from '@cachefleet/cache-core';
import {
  agents,
  apiKeys,
  clusters,
  dataSources,
  namespaces,
  nodes,
  type ApiKeyScope,
  type Database,
  type NamespacePolicy,
} from '@cachefleet/db';
import type { TestRedisCluster } from '@cachefleet/testing';
import { testSecretKey } from './control-plane.js';

const sealer = createSealer(testSecretKey);

export const defaultPolicy: NamespacePolicy = {
  writeMode: 'write-through',
  ttlSeconds: 600,
  softTtlSeconds: null,
  jitter: 0.1,
  negativeTtlSeconds: null,
  l1MaxEntries: 10_000,
  l1MaxBytes: 64 * 1024 * 1024,
  maxKeyBytes: 1024,
  maxValueBytes: 1024 * 1024,
  tagsEnabled: true,
};

export interface SeededCluster {
  id: string;
  username: string;
  password: string;
}

/** One admin command on every node (ACLs and client lists are per node). */
export async function onEveryNode(
  redis: TestRedisCluster,
  command: string,
  ...args: string[]
): Promise<void> {
  for (const node of redis.nodes) {
    const client = new Redis({ host: node.host, port: node.port, maxRetriesPerRequest: 1 });
    try {
      await client.call(command, ...args);
    } finally {
      client.disconnect();
    }
  }
}

/** ACL SETUSER on every node (ACLs are per node). */
export async function setAclUser(
  redis: TestRedisCluster,
  name: string,
  rules: readonly string[],
): Promise<void> {
  await onEveryNode(redis, 'ACL', 'SETUSER', name, 'reset', ...rules);
}

export async function seedCluster(db: Database, redis: TestRedisCluster): Promise<SeededCluster> {
  const password = randomBytes(16).toString('hex');
  const [row] = await db
    .insert(clusters)
    .values({
      name: `c${randomBytes(3).toString('hex')}`,
      redisPasswordSealed: sealer.seal(password),
    })
    .returning();
  if (!row) throw new Error('no cluster row');
  await setAclUser(redis, row.redisUsername, ['on', `>${password}`, '~*', '&*', '+@all']);
  return { id: row.id, username: row.redisUsername, password };
}

/**
 * One agent + node row per Redis node; agents[i] serves the data API at agentUrls[i] if given and
 * authenticates with credentials[i] (`cfa_…`) if given.
 */
export async function seedNodes(
  db: Database,
  clusterId: string,
  redis: TestRedisCluster,
  agentUrls: readonly string[],
  credentials: readonly string[] = [],
): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, node] of redis.nodes.entries()) {
    const url = agentUrls[i] === undefined ? undefined : new URL(agentUrls[i]);
    const [agent] = await db
      .insert(agents)
      .values({
        name: `agent-${i}`,
        hostname: `host-${i}`,
        credentialHash: createHash('sha256')
          .update(credentials[i] ?? randomBytes(16).toString('hex'))
          .digest('hex'),
        address: url?.hostname ?? null,
        agentPort: url === undefined ? null : Number(url.port),
        lastHeartbeatAt: new Date(),
      })
      .returning();
    if (!agent) throw new Error('no agent row');
    ids.push(agent.id);
    await db
      .insert(nodes)
      .values({ clusterId, agentId: agent.id, host: node.host, port: node.port });
  }
  return ids;
}

export async function seedNamespace(
  db: Database,
  input: {
    name: string;
    clusterId: string;
    connectionString: string;
    table: string;
    policy?: Partial<NamespacePolicy>;
  },
): Promise<void> {
  const [source] = await db
    .insert(dataSources)
    .values({
      name: `src-${input.name}`,
      connectionSealed: sealer.seal(input.connectionString),
      redacted: 'test',
    })
    .returning();
  if (!source) throw new Error('no data source row');
  await db.insert(namespaces).values({
    name: input.name,
    clusterId: input.clusterId,
    dataSourceId: source.id,
    source: {
      table: input.table,
      keyColumn: 'key',
      valueColumn: 'value',
      versionColumn: 'version',
      valueType: 'jsonb',
    },
    policy: { ...defaultPolicy, ...input.policy },
  });
}

export interface SeededKey {
  id: string;
  secret: string;
}

/** An API key row only: its Redis ACL user is for the agents (or seedApiKey) to apply. */
export async function insertApiKey(db: Database, scopes: ApiKeyScope[]): Promise<SeededKey> {
  const secret = `cfk_${randomBytes(24).toString('base64url')}`;
  const [row] = await db
    .insert(apiKeys)
    .values({
      name: 'test',
      secretHash: createHash('sha256').update(secret).digest('hex'),
      secretPrefix: secret.slice(0, 12),
      scopes,
    })
    .returning();
  if (!row) throw new Error('no api key row');
  return { id: row.id, secret };
}

/** An API key row plus its Redis ACL user on every node, per the data contract. */
export async function seedApiKey(
  db: Database,
  redis: TestRedisCluster,
  scopes: ApiKeyScope[],
): Promise<SeededKey> {
  const key = await insertApiKey(db, scopes);
  await setAclUser(redis, `cfk_${key.id.replaceAll('-', '')}`, aclRules(key.id, scopes));
  return key;
}

function aclRules(apiKeyId: string, scopes: ApiKeyScope[]): string[] {
  // The agents' rules, from cache-core (data contract).
  return ['on', `>${sealer.derive(`acl:${apiKeyId}`)}`, ...scopesAclRules(scopes)];
}
