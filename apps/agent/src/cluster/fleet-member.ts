// Everything an agent does for fleet orchestration, started and stopped together: the
// credential applier, the topology reporter and the step executor.
import type { ControlPlaneClient } from '../control-plane/client.js';
import type { Logger } from '../logger.js';
import { restartDelayFloorMs } from '../redis/restart-floor.js';
import { CredentialApplier } from './credential-applier.js';
import { fleetApi } from './fleet-api.js';
import type { RedisCaller } from './memory-config.js';
import { StepExecutor } from './step-executor.js';
import { createTopologyReporter } from './topology-reporter.js';

export interface FleetMemberOptions {
  client: ControlPlaneClient;
  /** This agent's own Redis (the supervisor's probe, as the default user). */
  redis: RedisCaller;
  dataDir: string;
  log: Logger;
  leaseMs?: number | undefined;
}

export interface FleetMember {
  start(): Promise<void>;
  /** Call after every Redis (re)start: re-applies the credential at once. */
  redisStarted(): void;
  /**
   * How long to keep a crashed Redis down. A cluster member restarted at once would come back
   * empty (no persistence) still owning its slots; waiting past two node timeouts lets its
   * replica be promoted, and the restarted node then rejoins as that replica.
   */
  restartDelayFloorMs(): number;
  stop(): Promise<void>;
}

export function createFleetMember(options: FleetMemberOptions): FleetMember {
  const api = fleetApi(options.client);
  const log = options.log;
  const applier = new CredentialApplier({
    api,
    redis: options.redis,
    dataDir: options.dataDir,
    log,
  });
  const reporter = createTopologyReporter(api, options.redis, log);
  const executor = new StepExecutor({
    api,
    log,
    ...(options.leaseMs ? { leaseMs: options.leaseMs } : {}),
  });
  return {
    async start() {
      await applier.start();
      reporter.ticker.start();
      executor.start();
    },
    redisStarted() {
      applier.redisStarted();
    },
    restartDelayFloorMs() {
      return restartDelayFloorMs(reporter.knownNodes());
    },
    async stop() {
      await executor.stop();
      await Promise.all([applier.stop(), reporter.ticker.stop()]);
    },
  };
}
