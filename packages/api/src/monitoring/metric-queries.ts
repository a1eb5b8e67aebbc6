import { z } from 'zod';
import { namespaceName as policyNamespaceName } from '../namespaces/policy.js';

/** Time ranges a chart may ask for, in seconds. */
export const metricRanges = { '15m': 900, '1h': 3600, '6h': 21_600, '24h': 86_400, '7d': 604_800 };
export type MetricRange = keyof typeof metricRanges;

/** Agent names are short slugs; anything else never reaches a PromQL string. */
export const nodeName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'a node name: letters, digits, ".", "_", "-"');

export const clusterName = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9 ._-]{0,99}$/, 'a cluster name: letters, digits, " ._-"');

/** The namespaces policy's own name rule, so a filter accepts exactly the names a namespace can have. */
export const namespaceName = policyNamespaceName;

interface QueryContext {
  /** Label matchers for the chart's filters, e.g. `node="local-1"`, or empty. */
  selector: string;
  /** The rate window, e.g. `60s`. */
  window: string;
}

interface SeriesDefinition {
  /** Suffix of the series label, e.g. "used" → "local-1 used"; empty for single-series charts. */
  suffix: string;
  expr: (q: QueryContext) => string;
}

interface ChartDefinition {
  unit: string;
  /** The chart's metrics carry a `namespace` label (cache-core and data API metrics). */
  perNamespace: boolean;
  series: SeriesDefinition[];
}

/** `{<filters>,<extra>}` */
const select = (q: QueryContext, extra = '') =>
  `{${[q.selector, extra].filter(Boolean).join(',')}}`;
const rate = (metric: string, q: QueryContext) =>
  `sum by (node) (rate(${metric}${select(q)}[${q.window}]))`;
const gauge = (metric: string, q: QueryContext) => `sum by (node) (${metric}${select(q)})`;

/** Redis of each node: one series per node. */
const nodeChart = (unit: string, ...series: SeriesDefinition[]): ChartDefinition => ({
  unit,
  perNamespace: false,
  series,
});
/** cache-core and data API: aggregated over the nodes and namespaces the filters select. */
const namespaceChart = (unit: string, ...series: SeriesDefinition[]): ChartDefinition => ({
  unit,
  perNamespace: true,
  series,
});

const latencyMs = (quantile: number) => (q: QueryContext) =>
  `histogram_quantile(${String(quantile)}, sum by (le) (rate(cachefleet_data_api_request_duration_seconds_bucket${select(q)}[${q.window}]))) * 1000`;

const tierHits = (q: QueryContext) =>
  `sum by (tier) (rate(cachefleet_cache_requests_total${select(q, 'result="hit"')}[${q.window}]))`;
const tierRequests = (q: QueryContext) =>
  `sum by (tier) (rate(cachefleet_cache_requests_total${select(q)}[${q.window}]))`;

/** The named, parameterised queries the console charts; the browser only names one. */
export const metricQueries = {
  opsPerSecond: nodeChart('ops/s', {
    suffix: '',
    expr: (q) => rate('cachefleet_redis_commands_processed_total', q),
  }),
  memory: nodeChart(
    'bytes',
    { suffix: 'used', expr: (q) => gauge('cachefleet_redis_memory_used_bytes', q) },
    { suffix: 'max', expr: (q) => gauge('cachefleet_redis_memory_max_bytes', q) },
  ),
  hitRatio: nodeChart('ratio', {
    suffix: '',
    expr: (q) => {
      const hits = rate('cachefleet_redis_keyspace_hits_total', q);
      const misses = rate('cachefleet_redis_keyspace_misses_total', q);
      return `${hits} / (${hits} + ${misses})`;
    },
  }),
  evictions: nodeChart('keys/s', {
    suffix: '',
    expr: (q) => rate('cachefleet_redis_evicted_keys_total', q),
  }),
  connectedClients: nodeChart('clients', {
    suffix: '',
    expr: (q) => gauge('cachefleet_redis_connected_clients', q),
  }),
  cacheHitRatio: namespaceChart('ratio', {
    suffix: '',
    expr: (q) => `${tierHits(q)} / ${tierRequests(q)}`,
  }),
  dataApiLatency: namespaceChart(
    'ms',
    { suffix: 'p50', expr: latencyMs(0.5) },
    { suffix: 'p99', expr: latencyMs(0.99) },
  ),
  writeBehindDepth: namespaceChart('entries', {
    suffix: '',
    // Agents draining one queue report the same depth: the largest, not the sum.
    expr: (q) => `max by (namespace) (cachefleet_write_behind_queue_depth${select(q)})`,
  }),
  deadLetters: namespaceChart('entries', {
    suffix: '',
    expr: (q) => `max by (namespace) (cachefleet_write_behind_dead_letters${select(q)})`,
  }),
  replicationLag: nodeChart('bytes', {
    suffix: '',
    expr: (q) => `max by (node) (cachefleet_redis_replica_lag_bytes${select(q)})`,
  }),
  clusterSlotsOk: nodeChart('slots', {
    suffix: '',
    // Every node of a cluster sees the same count: the lowest view per cluster.
    expr: (q) => `min by (cluster) (cachefleet_redis_cluster_slots_ok${select(q)})`,
  }),
} satisfies Record<string, ChartDefinition>;

export type MetricQueryName = keyof typeof metricQueries;
export const metricQueryNames = Object.keys(metricQueries) as [
  MetricQueryName,
  ...MetricQueryName[],
];
