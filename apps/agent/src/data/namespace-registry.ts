// The namespaces this agent serves, rebuilt from each new config: an unchanged namespace keeps its
// cache (and its warm L1), a changed one is closed and built again, a removed one is closed.
import type { Cluster } from 'ioredis';
import type { AgentDataConfig, NamespaceConfig } from './config-schema.js';
import { clusterSignature, createClusterClient } from './cluster-client.js';
import { startNamespace, type NamespaceRuntime, type RuntimeOptions } from './namespace-runtime.js';

export interface RegistryOptions {
  drainer?: RuntimeOptions['drainer'];
  onError: (message: string, error: unknown) => void;
  /** Called with each namespace built, so metrics can bind its events. */
  onStart?: (runtime: NamespaceRuntime) => void;
}

export class NamespaceRegistry {
  private client: Cluster | undefined;
  private clusterKey = '';
  private readonly runtimes = new Map<string, NamespaceRuntime>();
  private readonly signatures = new Map<string, string>();

  constructor(private readonly options: RegistryOptions) {}

  get redis(): Cluster | undefined {
    return this.client;
  }

  get(name: string): NamespaceRuntime | undefined {
    return this.runtimes.get(name);
  }

  all(): NamespaceRuntime[] {
    return [...this.runtimes.values()];
  }

  async apply(config: AgentDataConfig): Promise<void> {
    const key = clusterSignature(config.cluster);
    if (key !== this.clusterKey) {
      await this.closeAll();
      this.clusterKey = key;
      this.client = config.cluster === null ? undefined : createClusterClient(config.cluster);
    }
    const wanted = new Map(config.namespaces.map((ns) => [ns.name, ns]));
    for (const [name, runtime] of this.runtimes) {
      const next = wanted.get(name);
      if (next === undefined || JSON.stringify(next) !== this.signatures.get(name)) {
        await this.closeOne(name, runtime);
      }
    }
    const client = this.client;
    if (client === undefined) return;
    for (const ns of wanted.values()) {
      if (!this.runtimes.has(ns.name)) this.startOne(ns, client);
    }
  }

  async close(): Promise<void> {
    await this.closeAll();
    this.clusterKey = '';
  }

  private startOne(ns: NamespaceConfig, client: Cluster): void {
    try {
      const runtime = startNamespace(ns, { client, ...this.options });
      this.runtimes.set(ns.name, runtime);
      this.signatures.set(ns.name, JSON.stringify(ns));
      this.options.onStart?.(runtime);
    } catch (error) {
      this.options.onError(`namespace ${ns.name} cannot be served`, error);
    }
  }

  private async closeOne(name: string, runtime: NamespaceRuntime): Promise<void> {
    this.runtimes.delete(name);
    this.signatures.delete(name);
    await runtime.close().catch((error: unknown) => {
      this.options.onError(`closing namespace ${name} failed`, error);
    });
  }

  private async closeAll(): Promise<void> {
    for (const [name, runtime] of [...this.runtimes]) await this.closeOne(name, runtime);
    const client = this.client;
    this.client = undefined;
    if (client !== undefined)
      await client.quit().catch(() => {
        client.disconnect();
      });
  }
}
