// Keeps the console's topology in step with what Redis does on its own (failovers, rejoins, first
// syncs): reads CLUSTER MYID / NODES / INFO and INFO replication from the local Redis every
// `checkMs` (a loopback call) and sends them to agentFleet.reportTopology as soon as anything that
// matters changed (see topology-signature.ts), else every `heartbeatMs` so the console knows the
// node is alive (it shows a node silent for 10 s as disconnected). Reads wait for the report in
// flight, so there is at most one, and the next carries the latest state, however many changes
// happened meanwhile.
import { describeFailure } from '../control-plane/errors.js';
import type { Logger } from '../logger.js';
import type { FleetApi } from './fleet-api.js';
import type { RedisCaller } from './memory-config.js';
import { Ticker } from './ticker.js';
import { topologySignature, type TopologySnapshot } from './topology-signature.js';

export interface TopologyReporterOptions {
  /** How often to read the local Redis. */
  checkMs?: number;
  /** The longest time between two reports while nothing changes. */
  heartbeatMs?: number;
}

export interface TopologyReporter {
  ticker: Pick<Ticker, 'start' | 'kick' | 'stop'>;
  /** Nodes this Redis knew at its last read (1 while idle). */
  knownNodes(): number;
}

async function text(redis: RedisCaller, ...command: [string, ...string[]]): Promise<string> {
  const reply = await redis.call(...command);
  return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
}

async function readSnapshot(redis: RedisCaller): Promise<TopologySnapshot> {
  const [myId, clusterNodes, clusterInfo, replicationInfo] = await Promise.all([
    text(redis, 'CLUSTER', 'MYID'),
    text(redis, 'CLUSTER', 'NODES'),
    text(redis, 'CLUSTER', 'INFO'),
    text(redis, 'INFO', 'replication'),
  ]);
  return { myId, clusterNodes, clusterInfo, replicationInfo };
}

export function createTopologyReporter(
  api: FleetApi,
  redis: RedisCaller,
  log: Logger,
  options: TopologyReporterOptions = {},
): TopologyReporter {
  const heartbeatMs = options.heartbeatMs ?? 2_000;
  let known = 1;
  let sent: { signature: string; at: number } | undefined;
  let failedAt: number | undefined;

  const due = (signature: string, now: number) => {
    // After a failed call, wait a heartbeat before the next try rather than every check.
    if (failedAt !== undefined && now - failedAt < heartbeatMs) return false;
    return !sent || sent.signature !== signature || now - sent.at >= heartbeatMs;
  };

  const ticker = new Ticker(async () => {
    let snapshot: TopologySnapshot;
    try {
      snapshot = await readSnapshot(redis);
    } catch {
      return; // Redis is down or restarting: nothing to report, the supervisor says why.
    }
    known = snapshot.clusterNodes.split('\n').filter((line) => line.trim()).length;
    const signature = topologySignature(snapshot);
    const now = Date.now();
    if (!due(signature, now)) return;
    try {
      await api.reportTopology(snapshot);
      sent = { signature, at: now };
      failedAt = undefined;
    } catch (error) {
      if (failedAt === undefined) {
        log.warn('topology report failed; will retry', { ...describeFailure(error) });
      }
      failedAt = Date.now();
    }
  }, options.checkMs ?? 250);
  return { ticker, knownNodes: () => known };
}
