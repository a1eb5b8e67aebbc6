// The agent's data path: polls the data config, serves every namespace of its cluster with
// cache-core (drainers included), answers /v1, applies the API keys' ACL users to its own Redis
// node and reports when each key was last used.
import type http from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger } from '../logger.js';
import { AclApplier, type RedisCall } from './acl-applier.js';
import { ApiKeyVerifier } from './api-keys.js';
import type { AgentDataConfig } from './config-schema.js';
import { ConfigPoller, type FetchConfig } from './config-poller.js';
import { createDataApiHandler } from './http/data-api.js';
import { registerDataMetrics } from './metrics.js';
import { NamespaceRegistry, type RegistryOptions } from './namespace-registry.js';

export type ReportUsage = (usage: { apiKeyId: string; lastUsedAt: string }[]) => Promise<unknown>;

export interface DataServiceOptions {
  fetchConfig: FetchConfig;
  reportUsage?: ReportUsage;
  /** A command on this agent's own Redis node (as its admin); without it no ACL users are applied. */
  redisCall?: RedisCall;
  registry: Registry;
  log: Logger;
  pollMs?: number;
  usageMs?: number;
  drainer?: RegistryOptions['drainer'];
}

export class DataService {
  readonly namespaces: NamespaceRegistry;
  readonly keys = new ApiKeyVerifier();
  readonly handle: (req: http.IncomingMessage, res: http.ServerResponse) => void;
  private readonly poller: ConfigPoller;
  private readonly acl: AclApplier | undefined;
  private config: AgentDataConfig | undefined;
  private usageTimer: NodeJS.Timeout | undefined;

  constructor(private readonly options: DataServiceOptions) {
    const { log } = options;
    this.namespaces = new NamespaceRegistry({
      drainer: options.drainer,
      onError: (message, error) => {
        log.error(message, { error });
      },
      onStart: (runtime) => {
        metrics.bind(runtime);
      },
    });
    const metrics = registerDataMetrics(options.registry, this.namespaces);
    this.acl = options.redisCall === undefined ? undefined : new AclApplier(options.redisCall);
    this.poller = new ConfigPoller({
      fetch: options.fetchConfig,
      apply: (config) => this.apply(config),
      afterPoll: async () => {
        await this.acl?.reconcile();
      },
      log,
      intervalMs: options.pollMs,
    });
    this.handle = createDataApiHandler({
      ready: () => this.config?.cluster != null,
      keys: this.keys,
      namespaces: this.namespaces,
      metrics,
      onInternalError: (error) => {
        log.error('data api request failed', { error });
      },
    });
  }

  start(): void {
    this.poller.start();
    this.usageTimer = setInterval(() => void this.reportUsage(), this.options.usageMs ?? 10_000);
  }

  /** One config poll now (tests, start-up). */
  poll(): Promise<boolean> {
    return this.poller.poll();
  }

  async stop(): Promise<void> {
    this.poller.stop();
    clearInterval(this.usageTimer);
    await this.reportUsage();
    await this.namespaces.close();
  }

  private async apply(config: AgentDataConfig): Promise<void> {
    await this.namespaces.apply(config);
    this.keys.update(config.apiKeys);
    this.acl?.setKeys(config.apiKeys);
    this.config = config;
    this.options.log.info('data config applied', {
      namespaces: config.namespaces.length,
      apiKeys: config.apiKeys.length,
      cluster: config.cluster?.name ?? null,
    });
  }

  private async reportUsage(): Promise<void> {
    const usage = this.keys.takeUsage();
    if (usage.length === 0 || this.options.reportUsage === undefined) return;
    await this.options.reportUsage(usage).catch((error: unknown) => {
      this.options.log.warn('reporting API key usage failed', { error });
    });
  }
}
