import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEnrollmentToken, listAgents, listAudit } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, type Harness } from '../../tests/harness.js';
import { hashSecret } from '../security/secrets.js';

const host = { name: 'cache-1', hostname: 'cache-1.local' };
const beat = {
  address: '127.0.0.1',
  agentPort: 9100,
  redisPort: 6400,
  version: '0.1.0',
  redisVersion: '7.0.15',
  redisUp: true,
  stats: {
    usedMemoryBytes: 1e6,
    maxMemoryBytes: 1e8,
    opsPerSec: 10,
    connectedClients: 2,
    uptimeSeconds: 5,
    keys: 3,
  },
};

describe.each(databaseKinds())('agent enrollment on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  const agentCount = async () => (await listAgents(h.client.db)).length;
  const appCodeOf = (call: Promise<unknown>) =>
    call.then(
      () => 'OK',
      (e: unknown) => (e as { cause?: { appCode?: string } }).cause?.appCode ?? String(e),
    );

  it('joins with a fresh token, then heartbeats with the credential; the node turns healthy', async () => {
    const { token } = await h.as.admin.enrollment.create({ note: 'first host' });
    const joined = await h.anonymous.agent.join({ token, ...host });
    expect(joined.credential).toMatch(/^cfa_/);
    const agent = await h.asBearer(joined.credential);
    await agent.agent.heartbeat(beat);
    const node = await h.as.viewer.nodes.get({ id: joined.agentId });
    expect(node).toMatchObject({ status: 'healthy', redisVersion: '7.0.15', name: 'cache-1' });
    expect(JSON.stringify(await h.as.viewer.nodes.list())).not.toContain('credential');
  });

  it('refuses a reused token with E_ENROLLMENT_TOKEN_USED and creates no agent', async () => {
    const { token } = await h.as.admin.enrollment.create({});
    await h.anonymous.agent.join({ token, ...host });
    const before = await agentCount();
    expect(await appCodeOf(h.anonymous.agent.join({ token, ...host }))).toBe(
      'E_ENROLLMENT_TOKEN_USED',
    );
    expect(await agentCount()).toBe(before);
  });

  it('refuses wrong, expired and revoked tokens, each with its own code', async () => {
    const before = await agentCount();
    await createEnrollmentToken(h.client.db, {
      tokenHash: hashSecret('cfe_expired'),
      prefix: 'cfe_expire',
      expiresAt: new Date(Date.now() - 1000),
    });
    const revoked = await h.as.admin.enrollment.create({});
    await h.as.admin.enrollment.revoke({ id: revoked.id });
    const join = (token: string) => appCodeOf(h.anonymous.agent.join({ token, ...host }));
    expect(await join('cfe_wrong')).toBe('E_ENROLLMENT_TOKEN_UNKNOWN');
    expect(await join('cfe_expired')).toBe('E_ENROLLMENT_TOKEN_EXPIRED');
    expect(await join(revoked.token)).toBe('E_ENROLLMENT_TOKEN_REVOKED');
    expect(await agentCount()).toBe(before);
    const [latest] = await listAudit(h.client.db, { limit: 1 });
    expect(latest?.action).toBe('agent.join_refused');
  });

  it('rejects an illegal agent name before touching the token', async () => {
    const { token } = await h.as.admin.enrollment.create({});
    const call = h.anonymous.agent.join({ token, name: '../etc', hostname: 'h' });
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect(await appCodeOf(h.anonymous.agent.join({ token, ...host }))).toBe('OK');
  });

  it('lists which agent used a token', async () => {
    const created = await h.as.admin.enrollment.create({ note: 'used by' });
    const unused = await h.as.admin.enrollment.create({ note: 'unused' });
    const name = 'used-by-host';
    await h.anonymous.agent.join({ token: created.token, name, hostname: 'u.local' });
    const listed = await h.as.admin.enrollment.list();
    expect(listed.find((t) => t.id === created.id)?.usedByAgentName).toBe(name);
    expect(listed.find((t) => t.id === unused.id)?.usedByAgentName).toBeNull();
  });

  it('never lists token secrets and audits token creation', async () => {
    const created = await h.as.admin.enrollment.create({ note: 'audited' });
    const listed = await h.as.admin.enrollment.list();
    expect(JSON.stringify(listed)).not.toContain(created.token);
    expect(JSON.stringify(listed)).not.toContain('tokenHash');
    const entries = await h.as.admin.audit.list({ limit: 20 });
    expect(entries.some((e) => e.action === 'enrollment.create' && e.targetId === created.id)).toBe(
      true,
    );
  });
});
