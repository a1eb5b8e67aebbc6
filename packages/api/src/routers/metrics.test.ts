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

describe('metrics charts from a real Prometheus', () => {
  let h: Harness;
  let prometheus: TestPrometheus;
  let agent: Awaited<ReturnType<typeof serveMetrics>>;
  let commands = 0;

  beforeAll(async () => {
    h = await startHarness('pglite');
    agent = await serveMetrics(() => {
      commands += 50;
      return [
        `cachefleet_redis_commands_processed_total ${commands}`,
        'cachefleet_redis_memory_used_bytes 1048576',
        'cachefleet_redis_memory_max_bytes 268435456',
        '',
      ].join('\n');
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
  });
});
