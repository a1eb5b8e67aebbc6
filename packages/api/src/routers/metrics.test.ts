import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../../tests/harness.js';
import { serveMetrics, startPrometheus, type TestPrometheus } from '../../tests/prometheus.js';
import { signedInWith } from '../../tests/sign-in.js';

const codeOf = (call: Promise<unknown>) =>
  call.then(
    () => 'OK',
    (e: unknown) => {
      const error = e as { code?: string; cause?: { appCode?: string } };
      return error.cause?.appCode ?? error.code ?? String(e);
    },
  );

// What an agent of cluster c1 exposes; counters grow by the same amount on every scrape.
const redisLines = (commands: number) => [
  `cachefleet_redis_commands_processed_total{cluster="c1"} ${String(commands)}`,
  'cachefleet_redis_memory_used_bytes{cluster="c1"} 1048576',
  'cachefleet_redis_memory_max_bytes{cluster="c1"} 268435456',
  'cachefleet_redis_up{cluster="c1"} 1',
  'cachefleet_redis_cluster_slots_ok{cluster="c1"} 16000',
];

/** users hits 3 of 4 in L1, orders 1 of 2; data API: 90% of requests under 5 ms, 10% under 100 ms. */
function cacheLines(scrapes: number): string[] {
  const n = (perScrape: number) => String(perScrape * scrapes);
  const requests = (namespace: string, hits: number, misses: number) => [
    `cachefleet_cache_requests_total{namespace="${namespace}",tier="l1",result="hit"} ${n(hits)}`,
    `cachefleet_cache_requests_total{namespace="${namespace}",tier="l1",result="miss"} ${n(misses)}`,
  ];
  const bucket = (le: string, count: number) =>
    `cachefleet_data_api_request_duration_seconds_bucket{namespace="users",operation="get",code="2xx",le="${le}"} ${n(count)}`;
  return [
    ...requests('users', 30, 10),
    ...requests('orders', 10, 10),
    ...[bucket('0.005', 90), bucket('0.1', 100), bucket('+Inf', 100)],
    `cachefleet_data_api_request_duration_seconds_count{namespace="users",operation="get",code="2xx"} ${n(100)}`,
    'cachefleet_write_behind_dead_letters{namespace="orders"} 2',
  ];
}

describe('metrics charts from a real Prometheus', () => {
  let h: Harness;
  let prometheus: TestPrometheus;
  let agent: Awaited<ReturnType<typeof serveMetrics>>;
  let commands = 0;

  beforeAll(async () => {
    h = await startHarness('pglite');
    agent = await serveMetrics(() => {
      commands += 50;
      return [...redisLines(commands), ...cacheLines(commands / 50), ''].join('\n');
    });
    prometheus = await startPrometheus([{ address: agent.address, node: 'local-1' }]);
  }, 60_000);
  afterAll(async () => {
    await prometheus.stop();
    await agent.stop();
    await h.stop();
  });

  const viewer = (prometheusUrl: string) =>
    signedInWith(h, 'viewer@test', { monitoring: { prometheusUrl } });

  it('charts ops/s and memory used vs max per node with real points', async () => {
    const caller = await viewer(prometheus.url);
    const chart = (name: 'memory' | 'opsPerSecond') =>
      caller.metrics.chart({ name, range: '15m', stepSeconds: 5 });
    const positiveOps = async () => {
      const ops = await chart('opsPerSecond');
      const key = ops.series[0]?.key ?? '';
      return ops.points.filter((p) => (p[key] ?? 0) > 0).length;
    };
    await expect.poll(positiveOps, { timeout: 20_000, interval: 1000 }).toBeGreaterThan(0);
    const memory = await chart('memory');
    expect(memory.series.map((s) => s.label).sort()).toEqual(['local-1 max', 'local-1 used']);
    const used = memory.series.find((s) => s.label.endsWith('used'))?.key ?? '';
    expect(memory.points.at(-1)?.[used]).toBe(1048576);
  }, 40_000);

  it('charts hit ratio per tier and data API latency for one namespace', async () => {
    const caller = await viewer(prometheus.url);
    const last = async (name: 'cacheHitRatio' | 'dataApiLatency', namespace: string) => {
      const chart = await caller.metrics.chart({ name, range: '15m', stepSeconds: 5, namespace });
      const point = chart.points.findLast((p) => chart.series.every((s) => p[s.key] != null));
      return Object.fromEntries(chart.series.map((s) => [s.label, point?.[s.key] ?? null]));
    };
    const ratio = (namespace: string) => async () => (await last('cacheHitRatio', namespace)).l1;
    await expect.poll(ratio('users'), { timeout: 20_000, interval: 1000 }).toBeCloseTo(0.75, 5);
    await expect.poll(ratio('orders'), { timeout: 5_000 }).toBeCloseTo(0.5, 5);
    const latency = await last('dataApiLatency', 'users');
    expect(latency.p50).toBeGreaterThan(0);
    expect(latency.p50).toBeLessThanOrEqual(5);
    expect(latency.p99).toBeGreaterThan(50);
    expect(latency.p99).toBeLessThanOrEqual(100);
    const none = await caller.metrics.chart({ name: 'dataApiLatency', namespace: 'orders' });
    expect(none.series.every((s) => none.points.every((p) => p[s.key] == null))).toBe(true);
  }, 40_000);

  it('filters by cluster, and offers the clusters, nodes and namespaces Prometheus saw', async () => {
    const caller = await viewer(prometheus.url);
    const memory = (cluster: string) =>
      caller.metrics.chart({ name: 'memory', range: '15m', cluster, node: 'local-1' });
    expect((await memory('c1')).series).toHaveLength(2);
    expect((await memory('other')).series).toEqual([]);
    const slots = await caller.metrics.chart({ name: 'clusterSlotsOk', range: '15m' });
    expect(slots.series.map((s) => s.label)).toEqual(['c1']);
    expect(await caller.metrics.filters({ range: '15m' })).toEqual({
      clusters: ['c1'],
      nodes: ['local-1'],
      namespaces: ['orders', 'users'],
    });
  });

  it('refuses filter values outside their name patterns, so none reaches PromQL', async () => {
    const caller = await viewer(prometheus.url);
    const bad = [
      caller.metrics.chart({ name: 'cacheHitRatio', namespace: 'users"} or vector(1) #' }),
      caller.metrics.chart({ name: 'cacheHitRatio', namespace: 'Users' }),
      caller.metrics.chart({ name: 'memory', cluster: 'c1"}' }),
      caller.metrics.chart({ name: 'memory', cluster: 'c1\\' }),
    ];
    for (const call of bad) expect(await codeOf(call)).toBe('BAD_REQUEST');
  });

  it('says which node filter and step it refuses, before any query runs', async () => {
    const caller = await viewer(prometheus.url);
    const bad = [
      caller.metrics.chart({ name: 'memory', node: 'x"} or vector(1) #' }),
      caller.metrics.chart({ name: 'memory', range: '7d', stepSeconds: 5 }),
    ];
    for (const call of bad) expect(await codeOf(call)).toBe('BAD_REQUEST');
  });

  it('refuses anonymous callers, and explains a missing or unreachable Prometheus', async () => {
    expect(await codeOf(h.anonymous.metrics.chart({ name: 'memory' }))).toMatch(
      /UNAUTHORIZED|sign in/,
    );
    expect(await codeOf(h.as.viewer.metrics.chart({ name: 'memory' }))).toBe(
      'E_PROMETHEUS_NOT_CONFIGURED',
    );
    const down = await viewer('http://127.0.0.1:9');
    expect(await codeOf(down.metrics.chart({ name: 'evictions' }))).toBe(
      'E_PROMETHEUS_UNAVAILABLE',
    );
    expect(await codeOf(down.metrics.filters({}))).toBe('E_PROMETHEUS_UNAVAILABLE');
  });
});
