// Polls agentFleet.desiredState every 2 s and applies the cluster credential and memory settings
// to this agent's Redis, idempotently, and again whenever Redis was restarted. The last desired
// state is kept in the data dir (0600: it holds the password), so a Redis or agent restart while
// the control plane is unreachable still gets its credential back (DESIGN §6).
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describeFailure } from '../control-plane/errors.js';
import type { Logger } from '../logger.js';
import { applyClusterUser } from './cluster-user.js';
import type { DesiredCluster, FleetApi } from './fleet-api.js';
import { applyMemoryConfig, type RedisCaller } from './memory-config.js';
import { Ticker } from './ticker.js';

export interface CredentialApplierOptions {
  api: FleetApi;
  redis: RedisCaller;
  dataDir: string;
  log: Logger;
  intervalMs?: number;
}

const fileName = 'cluster-desired.json';

async function loadLast(dataDir: string): Promise<DesiredCluster | null> {
  try {
    return JSON.parse(await readFile(path.join(dataDir, fileName), 'utf8')) as DesiredCluster;
  } catch {
    return null;
  }
}

export class CredentialApplier {
  private desired: DesiredCluster | null | undefined;
  private unreachable = false;
  private readonly ticker: Ticker;

  constructor(private readonly options: CredentialApplierOptions) {
    this.ticker = new Ticker(async () => {
      await this.tick();
    }, options.intervalMs ?? 2_000);
  }

  async start(): Promise<void> {
    this.desired = await loadLast(this.options.dataDir);
    this.ticker.start();
  }

  /** Right after Redis (re)started: apply the last known state without waiting for the tick. */
  redisStarted(): void {
    this.ticker.kick();
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** One round: refresh the desired state if the control plane answers, then apply it. */
  async tick(): Promise<string[]> {
    await this.refresh();
    const desired = this.desired;
    if (!desired) return [];
    const user = { username: desired.redisUsername, password: desired.redisPassword };
    const changed = [
      ...(await applyClusterUser(this.options.redis, user)),
      ...(await applyMemoryConfig(this.options.redis, desired)),
    ];
    if (changed.length > 0) this.options.log.info('cluster settings applied', { changed });
    return changed;
  }

  private async refresh(): Promise<void> {
    try {
      const { cluster } = await this.options.api.desiredState();
      if (JSON.stringify(cluster) !== JSON.stringify(this.desired ?? null))
        await this.save(cluster);
      this.desired = cluster;
      this.unreachable = false;
    } catch (error) {
      if (!this.unreachable) {
        this.options.log.warn('desired state unavailable; keeping the last one', {
          ...describeFailure(error),
        });
      }
      this.unreachable = true;
    }
  }

  private async save(cluster: DesiredCluster | null): Promise<void> {
    const file = path.join(this.options.dataDir, fileName);
    await writeFile(file, JSON.stringify(cluster), { mode: 0o600 });
  }
}
