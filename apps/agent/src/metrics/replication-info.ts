// The replication section of Redis INFO, as numbers the metrics report.
import { parseInfo } from '../redis/info.js';

export interface ReplicationInfo {
  rolePrimary: boolean;
  connectedReplicas: number;
  /** master_repl_offset: bytes of replication stream this node has produced or applied. */
  offsetBytes: number;
  /**
   * On a primary, how far its slowest connected replica is behind (0 with none); on a replica,
   * how much of the stream it has seen but not applied. Never negative.
   */
  lagBytes: number;
  /** Replicas only: whether the link to the primary is up. */
  masterLinkUp: boolean | null;
  /** Replicas only, and only while linked: seconds since the primary last spoke. */
  masterLastIoSeconds: number | null;
}

function numberOf(value: string | undefined): number | null {
  if (value === undefined || value.trim() === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** `slaveN:ip=…,port=…,state=online,offset=123,lag=0` → the largest `offset` gap to `primary`. */
function slowestReplicaLag(fields: Map<string, string>, primaryOffset: number): number {
  let lag = 0;
  for (const [name, value] of fields) {
    if (!/^slave\d+$/.test(name)) continue;
    const offset = numberOf(/(?:^|,)offset=(-?\d+)/.exec(value)?.[1]);
    if (offset !== null) lag = Math.max(lag, primaryOffset - offset);
  }
  return lag;
}

export function readReplicationInfo(text: string): ReplicationInfo {
  const fields = parseInfo(text);
  const rolePrimary = fields.get('role') !== 'slave';
  const offsetBytes = numberOf(fields.get('master_repl_offset')) ?? 0;
  const applied = numberOf(fields.get('slave_repl_offset')) ?? offsetBytes;
  const lastIo = numberOf(fields.get('master_last_io_seconds_ago'));
  return {
    rolePrimary,
    connectedReplicas: numberOf(fields.get('connected_slaves')) ?? 0,
    offsetBytes,
    lagBytes: rolePrimary
      ? slowestReplicaLag(fields, offsetBytes)
      : Math.max(0, offsetBytes - applied),
    masterLinkUp: rolePrimary ? null : fields.get('master_link_status') === 'up',
    // Redis reports -1 while there is no link to the primary.
    masterLastIoSeconds: rolePrimary || lastIo === null || lastIo < 0 ? null : lastIo,
  };
}
