// The Redis ACL user of each API key (data contract): its namespaces' keys only (`~cf:<ns>:*`,
// read-only `%R~` for read scopes), their bus channels, and the commands cache-core needs.
import type { ApiKeyConfig } from './config-schema.js';

export interface AclUser {
  name: string;
  rules: string[];
}

/** Users the agent manages; any other user (default, the cluster user) is never touched. */
export const managedUserPrefix = 'cfk_';

// Connecting to a cluster node (ioredis Cluster: CLUSTER SLOTS, READONLY on replicas, ASKING
// during a slot migration) and the cluster-wide bits of the read path.
const connectionCommands = [
  '+ping',
  '+hello',
  '+auth',
  '+client|setname',
  '+cluster|slots',
  '+cluster|shards',
  '+cluster|info',
  '+cluster|myid',
  '+readonly',
  '+readwrite',
  '+asking',
];
// The read path: GET (pipelined per slot for getMany), EXISTS of a load lease, the sharded bus.
const readCommands = ['+get', '+exists', '+pttl', '+ssubscribe', '+sunsubscribe'];
// The write path: the versioned write/settle/raise Lua scripts, leases, the bus, write-behind.
const writeCommands = [
  '+set',
  '+del',
  '+pexpire',
  '+evalsha',
  '+eval',
  '+spublish',
  '+xadd',
  '+multi',
  '+exec',
  '+wait',
];

export function aclUserOf(key: ApiKeyConfig): AclUser {
  const writes = key.scopes.some((s) => s.permission === 'read-write');
  const patterns = key.scopes.map((s) =>
    s.permission === 'read-write' ? `~cf:${s.namespace}:*` : `%R~cf:${s.namespace}:*`,
  );
  const channels = key.scopes.map((s) => `&cf:${s.namespace}:bus`);
  const commands = [...connectionCommands, ...readCommands, ...(writes ? writeCommands : [])];
  return {
    name: key.aclUser,
    rules: ['reset', 'on', `>${key.aclPassword}`, ...patterns, ...channels, ...commands],
  };
}

export function aclUsersOf(keys: readonly ApiKeyConfig[]): AclUser[] {
  return keys.filter((k) => k.aclUser.startsWith(managedUserPrefix)).map(aclUserOf);
}
