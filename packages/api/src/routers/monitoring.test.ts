import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listAudit } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { prometheusTargets } from '../monitoring/discovery.js';
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
