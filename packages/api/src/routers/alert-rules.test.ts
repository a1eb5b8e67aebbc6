import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAlertRules, listAudit } from '@cachefleet/db';
import { startHarness, type Caller, type Harness } from '../../tests/harness.js';
import { startPrometheus, type TestPrometheus } from '../../tests/prometheus.js';
import { signedInWith } from '../../tests/sign-in.js';
import type { MonitoringConfig } from '../monitoring/config.js';
import { defaultRulePack } from '../monitoring/default-rule-pack.js';
import { installDefaultRules } from '../monitoring/rule-service.js';

async function loadedRules(url: string): Promise<string[]> {
  const response = await fetch(`${url}/api/v1/rules`);
  const body = (await response.json()) as { data: { groups: { rules: { name: string }[] }[] } };
  return body.data.groups.flatMap((g) => g.rules.map((r) => r.name)).sort();
}

interface LoadedRule {
  name: string;
  query: string;
  annotations: Record<string, string>;
}

async function loadedRule(url: string, name: string): Promise<LoadedRule | undefined> {
  const response = await fetch(`${url}/api/v1/rules`);
  const body = (await response.json()) as { data: { groups: { rules: LoadedRule[] }[] } };
  return body.data.groups.flatMap((g) => g.rules).find((rule) => rule.name === name);
}

const errorOf = (call: Promise<unknown>) =>
  call.then(
    () => ({ code: 'OK', message: '' }),
    (e: unknown) => {
      const error = e as { message: string; code?: string; cause?: { appCode?: string } };
      return { code: error.cause?.appCode ?? error.code ?? '?', message: error.message };
    },
  );

const base = { comparator: '>' as const, threshold: 1, forSeconds: 30 };

describe('alert rules deployed to a real Prometheus', () => {
  let h: Harness;
  let prometheus: TestPrometheus;
  let config: MonitoringConfig;
  let operator: Caller;

  beforeAll(async () => {
    h = await startHarness('pglite');
    prometheus = await startPrometheus([]);
    config = { prometheusUrl: prometheus.url, rulesFile: prometheus.rulesFile };
    operator = await signedInWith(h, 'operator@test', { monitoring: config });
  }, 60_000);
  afterAll(async () => {
    await prometheus.stop();
    await h.stop();
  });

  it('installs the default pack once, validated, and Prometheus loads it', async () => {
    const first = await installDefaultRules(h.client.db, config);
    expect(first.deploy).toMatchObject({ validated: true, written: true, reloaded: true });
    expect((await installDefaultRules(h.client.db, config)).installed).toBe(0);
    expect(await loadedRules(prometheus.url)).toEqual(
      expect.arrayContaining(defaultRulePack.map((rule) => rule.name)),
    );
    const slots = await loadedRule(prometheus.url, 'RedisClusterSlotsUncovered');
    expect(slots?.annotations.description).toContain('hash slots');
    expect(slots?.query).toContain('cachefleet_redis_cluster_slots_assigned > 0');
  });

  it('creates a rule from a metric and a threshold and hot-reloads it', async () => {
    const created = await operator.alertRules.create({
      ...base,
      name: 'ManyClients',
      metric: 'connected_clients',
      labels: { team: 'cache' },
    });
    expect(created.deploy.reloaded).toBe(true);
    expect(await loadedRules(prometheus.url)).toContain('ManyClients');
    const loaded = await loadedRule(prometheus.url, 'ManyClients');
    expect(loaded?.annotations.description).toContain('Connected clients has been > 1 for 30s');
    const listed = await operator.alertRules.list();
    expect(listed.find((r) => r.name === 'ManyClients')?.expr).toBe(
      '(cachefleet_redis_connected_clients) > 1',
    );
    const actions = (await listAudit(h.client.db, { limit: 5 })).map((e) => e.action);
    expect(actions).toContain('alert_rule.create');
  });

  it("rejects an invalid expression with promtool's message; running rules untouched", async () => {
    const fileBefore = await readFile(prometheus.rulesFile, 'utf8');
    const loadedBefore = await loadedRules(prometheus.url);
    const rowsBefore = (await listAlertRules(h.client.db)).length;
    const refused = await errorOf(
      operator.alertRules.create({
        ...base,
        name: 'Broken',
        metric: 'custom',
        expression: 'rate(cachefleet_redis_evicted_keys_total[5m]',
      }),
    );
    expect(refused.code).toBe('E_RULE_INVALID');
    expect(refused.message).toMatch(/parse error/);
    expect(refused.message).not.toContain('/tmp/');
    expect(await readFile(prometheus.rulesFile, 'utf8')).toBe(fileBefore);
    expect(await loadedRules(prometheus.url)).toEqual(loadedBefore);
    expect((await listAlertRules(h.client.db)).length).toBe(rowsBefore);
  });

  it('refuses bad names, reserved labels and deleting a pack rule', async () => {
    const bad = await errorOf(
      operator.alertRules.create({ ...base, name: 'no spaces', metric: 'redis_up' }),
    );
    expect(bad.code).toBe('BAD_REQUEST');
    const reserved = await errorOf(
      operator.alertRules.create({
        ...base,
        name: 'X',
        metric: 'redis_up',
        labels: { severity: 'x' },
      }),
    );
    expect(reserved.code).toBe('BAD_REQUEST');
    const pack = (await operator.alertRules.list()).find((r) => r.name === 'RedisDown');
    expect((await errorOf(operator.alertRules.delete({ id: pack?.id ?? '' }))).code).toBe(
      'E_PACK_RULE',
    );
    const disabled = await operator.alertRules.update({
      id: pack?.id ?? '',
      rule: { ...base, name: 'RedisDown', metric: 'redis_up', comparator: '<', enabled: false },
    });
    expect(disabled.deploy.reloaded).toBe(true);
    expect(await loadedRules(prometheus.url)).not.toContain('RedisDown');
  });
});
