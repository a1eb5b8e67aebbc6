import { z } from 'zod';

/** Time ranges a chart may ask for, in seconds. */
export const metricRanges = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 };
export type MetricRange = keyof typeof metricRanges;

/** Agent names are short slugs; anything else never reaches a PromQL string. */
export const nodeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a node name: letters, digits, ".", "_", "-"');

interface QueryContext {
  /** Label matchers inside `{…}`, e.g. `node="local-1"`, or empty. */
  selector: string;
  /** The rate window, e.g. `60s`. */
  window: string;
}

interface SeriesDefinition {
  /** Suffix of the series label, e.g. "used" → "local-1 used"; empty for single-series charts. */
  suffix: string;
  expr: (q: QueryContext) => string;
}

const rate = (metric: string, q: QueryContext) =>
  `sum by (node) (rate(${metric}{${q.selector}}[${q.window}]))`;
const gauge = (metric: string, q: QueryContext) => `sum by (node) (${metric}{${q.selector}})`;

/** The named, parameterised queries the console charts; the browser only names one. */
export const metricQueries = {
  opsPerSecond: {
    unit: 'ops/s',
    series: [{ suffix: '', expr: (q) => rate('cachefleet_redis_commands_processed_total', q) }],
  },
  memory: {
    unit: 'bytes',
    series: [
      { suffix: 'used', expr: (q) => gauge('cachefleet_redis_memory_used_bytes', q) },
      { suffix: 'max', expr: (q) => gauge('cachefleet_redis_memory_max_bytes', q) },
    ],
  },
  hitRatio: {
    unit: 'ratio',
    series: [
      {
        suffix: '',
        expr: (q) => {
          const hits = rate('cachefleet_redis_keyspace_hits_total', q);
          const misses = rate('cachefleet_redis_keyspace_misses_total', q);
          return `${hits} / (${hits} + ${misses})`;
        },
      },
    ],
  },
  evictions: {
    unit: 'keys/s',
    series: [{ suffix: '', expr: (q) => rate('cachefleet_redis_evicted_keys_total', q) }],
  },
  connectedClients: {
    unit: 'clients',
    series: [{ suffix: '', expr: (q) => gauge('cachefleet_redis_connected_clients', q) }],
  },
} satisfies Record<string, { unit: string; series: SeriesDefinition[] }>;

export type MetricQueryName = keyof typeof metricQueries;
export const metricQueryNames = Object.keys(metricQueries) as [
  MetricQueryName,
  ...MetricQueryName[],
];
