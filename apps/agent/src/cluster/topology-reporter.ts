// Every 2 s while Redis answers: CLUSTER MYID / NODES / INFO → agentFleet.reportTopology, so the
// console's topology follows what Redis does on its own (failovers, rejoins).
import { describeFailure } from '../control-plane/errors.js';
import type { Logger } from '../logger.js';
import type { FleetApi } from './fleet-api.js';
import type { RedisCaller } from './memory-config.js';
import { Ticker } from './ticker.js';

async function text(redis: RedisCaller, ...command: [string, ...string[]]): Promise<string> {
  const reply = await redis.call(...command);
  return Buffer.isBuffer(reply) ? reply.toString('utf8') : String(reply);
}

export interface TopologyReporter {
  ticker: Ticker;
  /** Nodes this Redis knew at its last report (1 while idle). */
  knownNodes(): number;
}

export function createTopologyReporter(
  api: FleetApi,
  redis: RedisCaller,
  log: Logger,
  intervalMs = 2_000,
): TopologyReporter {
  let failing = false;
  let known = 1;
  const ticker = new Ticker(async () => {
    let report;
    try {
      report = {
        myId: await text(redis, 'CLUSTER', 'MYID'),
        clusterNodes: await text(redis, 'CLUSTER', 'NODES'),
        clusterInfo: await text(redis, 'CLUSTER', 'INFO'),
      };
    } catch {
      return; // Redis is down or restarting: nothing to report, the supervisor says why.
    }
    known = report.clusterNodes.split('\n').filter((line) => line.trim()).length;
    try {
      await api.reportTopology(report);
      failing = false;
    } catch (error) {
      if (!failing) log.warn('topology report failed; will retry', { ...describeFailure(error) });
      failing = true;
    }
  }, intervalMs);
  return { ticker, knownNodes: () => known };
}
