// The Redis ACL rules a client needs to run this engine on one namespace and nothing else: its keys
// (`~cf:<ns>:*`, read-only `%R~` for read permission), its bus channel, and the commands cache-core
// sends. Kept beside the driver that sends them, so the list changes with the code.
import { KeyLayout } from '../keys.js';

export type NamespacePermission = 'read' | 'read-write';

// Connecting to a cluster node (ioredis Cluster: CLUSTER SLOTS, READONLY on replicas, ASKING
// during a slot migration).
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
// The read path: GET (pipelined per slot for getMany), EXISTS and PTTL of a load lease, the bus.
const readCommands = ['+get', '+exists', '+pttl', '+ssubscribe', '+sunsubscribe'];
// The write path: the versioned write/settle/raise Lua scripts (EVALSHA, EVAL when not cached),
// leases, the bus, write-behind queueing, replicated writes (MULTI/EXEC, WAIT).
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

/**
 * ACL SETUSER rules (without `reset`, `on` and the password) for one namespace. Rules for several
 * namespaces concatenate: key patterns and channels add up, and a read namespace's `%R~` pattern
 * keeps it read-only even when another namespace brings the write commands.
 */
export function namespaceAclRules(namespace: string, permission: NamespacePermission): string[] {
  const layout = new KeyLayout(namespace);
  const keys = layout.allKeys();
  return [
    permission === 'read-write' ? `~${keys}` : `%R~${keys}`,
    `&${layout.channel()}`,
    ...connectionCommands,
    ...readCommands,
    ...(permission === 'read-write' ? writeCommands : []),
  ];
}

/** The rules of several scopes as one list, each rule once. */
export function scopesAclRules(
  scopes: readonly { namespace: string; permission: NamespacePermission }[],
): string[] {
  return [...new Set(scopes.flatMap((s) => namespaceAclRules(s.namespace, s.permission)))];
}
