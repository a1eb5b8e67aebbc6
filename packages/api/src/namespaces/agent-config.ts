import { createHash } from 'node:crypto';
import type { ApiKeyScope, Database, Namespace, NamespacePolicy } from '@cachefleet/db';
import {
  findAgentClusterId,
  findClusterAccess,
  findDataSource,
  listActiveApiKeys,
  listClusterNamespaces,
} from '@cachefleet/db';
import type { Sealer } from '../security/sealer.js';
import { aclPasswordOf, aclUserOf } from './acl.js';

export interface AgentDataCluster {
  id: string;
  name: string;
  nodes: { host: string; port: number }[];
  username: string;
  password: string;
}

export interface AgentDataSource {
  connectionString: string;
  table: string;
  keyColumn: string;
  valueColumn: string;
  versionColumn: string;
  valueType: 'jsonb' | 'bytea';
}

export type AgentDataNamespace = NamespacePolicy & { name: string; source: AgentDataSource | null };

export interface AgentDataApiKey {
  id: string;
  prefix: string;
  hash: string;
  scopes: ApiKeyScope[];
  aclUser: string;
  aclPassword: string;
}

/** Everything an agent needs to serve its cluster's namespaces (data contract). */
export interface AgentDataConfig {
  cluster: AgentDataCluster | null;
  namespaces: AgentDataNamespace[];
  apiKeys: AgentDataApiKey[];
}

async function clusterOf(db: Database, sealer: Sealer, clusterId: string) {
  const access = await findClusterAccess(db, clusterId);
  const sealed = access?.cluster.redisPasswordSealed;
  if (!access || !sealed) return null;
  const { cluster, nodes } = access;
  return {
    id: cluster.id,
    name: cluster.name,
    nodes: nodes.map(({ host, port }) => ({ host, port })),
    username: cluster.redisUsername,
    password: sealer.open(sealed),
  };
}

async function namespaceOf(db: Database, sealer: Sealer, ns: Namespace) {
  const dataSource = ns.dataSourceId ? await findDataSource(db, ns.dataSourceId) : undefined;
  const source =
    dataSource && ns.source
      ? { connectionString: sealer.open(dataSource.connectionSealed), ...ns.source }
      : null;
  return { name: ns.name, ...ns.policy, source };
}

/** The config of the cluster this agent's node belongs to; empty when it is in none. */
export async function buildAgentDataConfig(
  db: Database,
  sealer: Sealer,
  agentId: string,
): Promise<AgentDataConfig> {
  const clusterId = await findAgentClusterId(db, agentId);
  const cluster = clusterId ? await clusterOf(db, sealer, clusterId) : null;
  const rows = clusterId ? await listClusterNamespaces(db, clusterId) : [];
  const namespaces: AgentDataNamespace[] = [];
  for (const ns of rows) namespaces.push(await namespaceOf(db, sealer, ns));
  const apiKeys = (await listActiveApiKeys(db)).map((key) => ({
    id: key.id,
    prefix: key.secretPrefix,
    hash: key.secretHash,
    scopes: key.scopes,
    aclUser: aclUserOf(key.id),
    aclPassword: aclPasswordOf(sealer, key.id),
  }));
  return { cluster, namespaces, apiKeys };
}

/** A revision that changes whenever anything in the config does, so agents fetch only changes. */
export function configRevision(config: AgentDataConfig): string {
  return createHash('sha256').update(JSON.stringify(config)).digest('hex').slice(0, 24);
}
