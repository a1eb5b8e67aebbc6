// The data path's metrics (names and labels fixed by the data contract): cache-core events bound
// to counters per namespace, write-behind depth and dead letters read from Redis at scrape time.
import { KeyLayout, type Cache } from '@cachefleet/cache-core';
import { Counter, Gauge, Histogram, type Registry } from 'prom-client';
import type { NamespaceRegistry } from './namespace-registry.js';
import type { NamespaceRuntime } from './namespace-runtime.js';

export interface DataMetrics {
  bind(runtime: NamespaceRuntime): void;
  observe(namespace: string, operation: string, status: number, seconds: number): void;
}

const partitions = 8;

function counters(registry: Registry) {
  const registers = [registry];
  return {
    requests: new Counter({
      name: 'cachefleet_cache_requests_total',
      help: 'Cache reads by namespace, by the tier that answered or missed.',
      labelNames: ['namespace', 'tier', 'result'],
      registers,
    }),
    loads: new Counter({
      name: 'cachefleet_cache_loads_total',
      help: 'Source loads by namespace and outcome.',
      labelNames: ['namespace', 'result'],
      registers,
    }),
    stale: new Counter({
      name: 'cachefleet_cache_stale_served_total',
      help: 'Stale values served (stale-while-revalidate, fail-safe, soft timeout).',
      labelNames: ['namespace'],
      registers,
    }),
    evictions: new Counter({
      name: 'cachefleet_cache_evictions_total',
      help: 'L1 entries evicted.',
      labelNames: ['namespace'],
      registers,
    }),
  };
}

function bindEvents(cache: Cache<unknown>, c: ReturnType<typeof counters>): void {
  const namespace = cache.namespace;
  cache.events.on('hit', ({ tier }) => {
    c.requests.inc({ namespace, tier, result: 'hit' });
  });
  cache.events.on('miss', ({ tier }) => {
    c.requests.inc({ namespace, tier, result: 'miss' });
  });
  cache.events.on('load', ({ found }) => {
    c.requests.inc({ namespace, tier: 'source', result: found ? 'hit' : 'miss' });
    c.loads.inc({ namespace, result: 'ok' });
  });
  cache.events.on('loadError', () => {
    c.loads.inc({ namespace, result: 'error' });
  });
  cache.events.on('staleServed', () => {
    c.stale.inc({ namespace });
  });
  cache.events.on('eviction', () => {
    c.evictions.inc({ namespace });
  });
}

/** XLEN of every partition (drained entries are deleted) and LLEN of the dead-letter list. */
async function writeBehindSizes(
  namespaces: NamespaceRegistry,
): Promise<Map<string, [number, number]>> {
  const sizes = new Map<string, [number, number]>();
  const client = namespaces.redis;
  if (client === undefined) return sizes;
  const queued = namespaces.all().filter((r) => r.drainer !== undefined);
  await Promise.all(
    queued.map(async ({ config }) => {
      const layout = new KeyLayout(config.name);
      const lengths = await Promise.all(
        Array.from({ length: partitions }, (_, p) => client.xlen(layout.stream(p))),
      );
      const dead = await client.llen(layout.deadLetters());
      sizes.set(config.name, [lengths.reduce((a, b) => a + b, 0), dead]);
    }),
  );
  return sizes;
}

/** Both gauges read the same sample; one scrape takes it once. */
function sharedSample(namespaces: NamespaceRegistry) {
  let last: { at: number; sizes: Promise<Map<string, [number, number]> | undefined> } | undefined;
  return () => {
    if (last === undefined || Date.now() - last.at > 500) {
      last = { at: Date.now(), sizes: writeBehindSizes(namespaces).catch(() => undefined) };
    }
    return last.sizes;
  };
}

function writeBehindGauges(registry: Registry, namespaces: NamespaceRegistry): void {
  const sample = sharedSample(namespaces);
  const gauge = (name: string, help: string, index: 0 | 1) =>
    new Gauge({
      name,
      help,
      labelNames: ['namespace'],
      registers: [registry],
      async collect() {
        const sizes = await sample();
        if (sizes === undefined) return;
        this.reset();
        for (const [namespace, pair] of sizes) this.set({ namespace }, pair[index]);
      },
    });
  gauge(
    'cachefleet_write_behind_queue_depth',
    'Write-behind entries not yet committed to the source.',
    0,
  );
  gauge(
    'cachefleet_write_behind_dead_letters',
    'Write-behind entries the source refused, waiting in the dead-letter list.',
    1,
  );
}

export function registerDataMetrics(
  registry: Registry,
  namespaces: NamespaceRegistry,
): DataMetrics {
  const c = counters(registry);
  const duration = new Histogram({
    name: 'cachefleet_data_api_request_duration_seconds',
    help: 'Data API requests by namespace, operation and status class.',
    labelNames: ['namespace', 'operation', 'code'],
    buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  writeBehindGauges(registry, namespaces);
  return {
    bind(runtime) {
      bindEvents(runtime.cache, c);
    },
    observe(namespace, operation, status, seconds) {
      duration.observe({ namespace, operation, code: `${Math.floor(status / 100)}xx` }, seconds);
    },
  };
}
