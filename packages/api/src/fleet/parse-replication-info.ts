import type { AttachedReplica, NodeReplication } from '@cachefleet/db';
import { infoFields } from './parse-cluster-info.js';

/** More replicas than any cluster here runs; the rest of a longer list is left out. */
const maxListedReplicas = 32;

/** `ip=127.0.0.1,port=7204,state=online,offset=1234,lag=0` → its replica, lag against `offset`. */
function attachedReplica(value: string, primaryOffset: number): AttachedReplica | null {
  const fields = new Map(
    value.split(',').map((pair) => {
      const eq = pair.indexOf('=');
      return [pair.slice(0, eq), pair.slice(eq + 1)] as const;
    }),
  );
  const port = Number(fields.get('port'));
  const offset = Number(fields.get('offset'));
  const host = fields.get('ip');
  if (!host || !Number.isInteger(port) || port <= 0) return null;
  return {
    host,
    port,
    state: fields.get('state') ?? 'unknown',
    lagBytes: Number.isFinite(offset) ? Math.max(0, primaryOffset - offset) : 0,
  };
}

/**
 * Parses `INFO replication` as the node's own agent read it; undefined when it has no `role`.
 * `master_link_down_since_seconds` is -1 until a replica's link first comes up after its Redis
 * started: that, or a full sync under way, is a replica that cannot take over yet.
 */
export function parseReplicationInfo(text: string): NodeReplication | undefined {
  const fields = infoFields(text);
  const role = fields.get('role');
  if (role !== 'master' && role !== 'slave') return undefined;
  if (role === 'master') {
    const offset = Number(fields.get('master_repl_offset')) || 0;
    const replicas = [...fields]
      .filter(([key]) => /^slave\d+$/.test(key))
      .map(([, value]) => attachedReplica(value, offset))
      .filter((r): r is AttachedReplica => r !== null)
      .slice(0, maxListedReplicas);
    return {
      role: 'primary',
      masterLinkUp: null,
      syncInProgress: false,
      linkedSinceStart: false,
      replicas,
    };
  }
  const linkUp = fields.get('master_link_status') === 'up';
  return {
    role: 'replica',
    masterLinkUp: linkUp,
    syncInProgress: fields.get('master_sync_in_progress') === '1',
    linkedSinceStart: linkUp || Number(fields.get('master_link_down_since_seconds') ?? -1) >= 0,
    replicas: [],
  };
}
