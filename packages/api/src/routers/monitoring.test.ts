import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters, listAudit, nodes } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { prometheusTargets } from '../monitoring/discovery.js';
import { installDefaultRules } from '../monitoring/rule-service.js';
import { exportRules } from '../monitoring/rules-export.js';
import { authorizeMonitoringToken } from '../monitoring/tokens.js';

const beat = {
  address: '10.0.0.7',
  agentPort: 9187,
  redisPort: 6400,
  version: '0.1.0',
  redisVersion: '7.0.15',
  redisUp: true,
  stats: null,
};

describe.each(databaseKinds())('monitoring tokens and discovery on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  it('lists every agent that reported its metrics port, labelled with node and agent id', async () => {
    const { token } = await h.as.admin.enrollment.create({});
    await h.anonymous.agent.join({ token, name: 'cache-9', hostname: 'cache-9.local' });
    expect(await prometheusTargets(h.client.db)).toEqual([]);
    const joined = await h.anonymous.agent.join({
      token: (await h.as.admin.enrollment.create({})).token,
      name: 'cache-10',
      hostname: 'h',
    });
    await (await h.asBearer(joined.credential)).agent.heartbeat(beat);
    expect(await prometheusTargets(h.client.db)).toEqual([
      { targets: ['10.0.0.7:9187'], labels: { node: 'cache-10', agent_id: joined.agentId } },
    ]);
  });

  it('labels the target of an agent that runs a node of a cluster with the cluster name', async () => {
    const joined = await h.anonymous.agent.join({
      token: (await h.as.admin.enrollment.create({})).token,
      name: 'cache-11',
      hostname: 'h',
    });
    await (await h.asBearer(joined.credential)).agent.heartbeat({ ...beat, address: '10.0.0.8' });
    const [cluster] = await h.client.db.insert(clusters).values({ name: 'orders-eu' }).returning();
    if (!cluster) throw new Error('no cluster');
    await h.client.db
      .insert(nodes)
      .values({ clusterId: cluster.id, agentId: joined.agentId, host: '10.0.0.8', port: 6400 });
    const targets = await prometheusTargets(h.client.db);
    expect(targets.find((t) => t.labels.node === 'cache-11')).toEqual({
      targets: ['10.0.0.8:9187'],
      labels: { node: 'cache-11', agent_id: joined.agentId, cluster: 'orders-eu' },
    });
  });

  it('serves the rendered rules to a remote Prometheus with a scrape token only', async () => {
    await installDefaultRules(h.client.db, {});
    const scrape = await h.as.admin.monitoring.createToken({ purpose: 'scrape', note: 'remote' });
    const webhook = await h.as.admin.monitoring.createToken({ purpose: 'alert_webhook', note: '' });
    const db = h.client.db;
    expect(await exportRules(db, undefined)).toEqual({ status: 401 });
    expect(await exportRules(db, webhook.token)).toEqual({ status: 401 });
    const served = await exportRules(db, scrape.token);
    if (served.status !== 200) throw new Error(`status ${String(served.status)}`);
    const rules = (
      JSON.parse(served.body) as { groups: { rules: { alert: string }[] }[] }
    ).groups.flatMap((group) => group.rules.map((rule) => rule.alert));
    expect(rules).toEqual(expect.arrayContaining(['RedisDown', 'RedisClusterSlotsUncovered']));
    expect(await exportRules(db, scrape.token, served.etag)).toEqual({
      status: 304,
      etag: served.etag,
    });
  });

  it('accepts a scrape token only for discovery, and never after it is revoked', async () => {
    const created = await h.as.admin.monitoring.createToken({ purpose: 'scrape', note: 'prom' });
    expect(created.token).toMatch(/^cfp_/);
    const db = h.client.db;
    expect(await authorizeMonitoringToken(db, 'scrape', created.token)).toBe(true);
    expect(await authorizeMonitoringToken(db, 'alert_webhook', created.token)).toBe(false);
    expect(await authorizeMonitoringToken(db, 'scrape', `${created.token}x`)).toBe(false);
    expect(await authorizeMonitoringToken(db, 'scrape', undefined)).toBe(false);
    await h.as.admin.monitoring.revokeToken({ id: created.id });
    expect(await authorizeMonitoringToken(db, 'scrape', created.token)).toBe(false);
    const listed = await h.as.admin.monitoring.listTokens();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    const actions = (await listAudit(db, { limit: 20 })).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['monitoring_token.create', 'monitoring_token.revoke']),
    );
  });
});
