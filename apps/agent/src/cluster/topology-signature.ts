// What of a topology report matters to the console, as one comparable string: two reads with the
// same signature show the same cluster even though Redis rewrote its ping/pong times, message
// counters and replication offsets in between.
import { parseInfo } from '../redis/info.js';

export interface TopologySnapshot {
  myId: string;
  clusterNodes: string;
  clusterInfo: string;
  replicationInfo: string;
}

/** CLUSTER INFO fields that describe the cluster, not its traffic (`cluster_stats_*`). */
const clusterInfoFields = [
  'cluster_state',
  'cluster_slots_assigned',
  'cluster_slots_ok',
  'cluster_slots_pfail',
  'cluster_slots_fail',
  'cluster_known_nodes',
  'cluster_size',
  'cluster_current_epoch',
  'cluster_my_epoch',
];

/** INFO replication fields that say who replicates whom and whether the copy is usable. */
const replicationFields = [
  'role',
  'master_host',
  'master_port',
  'master_link_status',
  'master_sync_in_progress',
  'connected_slaves',
];

/** `id addr flags primary ping-sent pong-recv config-epoch link-state slots…` minus the two times. */
function nodeLine(line: string): string {
  const [id, address, flags, primary, , , epoch, link, ...slots] = line.trim().split(/\s+/);
  return [id, address, flags, primary, epoch, link, ...slots].join(' ');
}

/** `slaveN:ip=…,port=…,state=online,offset=…,lag=…` minus offset and lag. */
function replicaLine(value: string): string {
  return value
    .split(',')
    .filter((pair) => /^(ip|port|state)=/.test(pair))
    .join(',');
}

function replicationPart(text: string): string[] {
  const fields = parseInfo(text);
  const part = replicationFields.map((name) => `${name}=${fields.get(name) ?? ''}`);
  // -1 until the link first came up since Redis started: a replica still on its first sync.
  part.push(`never_linked=${String(fields.get('master_link_down_since_seconds') === '-1')}`);
  for (const [name, value] of fields) {
    if (/^slave\d+$/.test(name)) part.push(replicaLine(value));
  }
  return part.sort();
}

export function topologySignature(snapshot: TopologySnapshot): string {
  const nodes = snapshot.clusterNodes
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map(nodeLine)
    .sort();
  const info = parseInfo(snapshot.clusterInfo);
  return [
    snapshot.myId.trim(),
    ...nodes,
    ...clusterInfoFields.map((name) => `${name}=${info.get(name) ?? ''}`),
    ...replicationPart(snapshot.replicationInfo),
  ].join('\n');
}
