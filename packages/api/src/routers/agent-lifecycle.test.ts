import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clusters, createEnrollmentToken, findAgent, listAudit, nodes } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { startHarness, password, type Harness } from '../../tests/harness.js';
import { authorizeAgentDownload } from '../agent-downloads.js';
import { createCaller, createContext } from '../index.js';
import { hashSecret } from '../security/secrets.js';

const beat = {
  address: '127.0.0.1',
  agentPort: 9100,
  redisPort: 6400,
  version: '0.1.0',
  redisVersion: '7.0.15',
  redisUp: true,
  stats: null,
};

describe.each(databaseKinds())('agent lifecycle on %s', (kind) => {
  let h: Harness;
  beforeAll(async () => (h = await startHarness(kind)));
  afterAll(() => h.stop());

  async function enrolledAgent(name: string) {
    const { token } = await h.as.admin.enrollment.create({});
    const joined = await h.anonymous.agent.join({ token, name, hostname: name });
    return { ...joined, caller: await h.asBearer(joined.credential) };
  }

  /** An operator whose console serves agent bundle `release`. */
  async function operatorServing(release: string) {
    let token: string | undefined;
    const cookies = { setSession: (t: string) => (token = t), clearSession: () => undefined };
    const login = createCaller(await createContext({ db: h.client.db, cookies }));
    await login.auth.login({ email: 'operator@test', password });
    const ctx = {
      db: h.client.db,
      sessionToken: token,
      agentRelease: () => Promise.resolve(release),
    };
    return createCaller(await createContext(ctx));
  }

  it('stores the recent log lines an agent sends and shows them on the node', async () => {
    const agent = await enrolledAgent('logs-1');
    const recentLogs = [{ time: new Date().toISOString(), level: 'warn' as const, msg: 'slow' }];
    await agent.caller.agent.heartbeat({ ...beat, recentLogs });
    const node = await h.as.viewer.nodes.get({ id: agent.agentId });
    expect(node.recentLogs).toEqual(recentLogs);
  });

  it('refuses more log lines than the bound', async () => {
    const agent = await enrolledAgent('logs-2');
    const line = { time: 't', level: 'error' as const, msg: 'x' };
    const call = agent.caller.agent.heartbeat({ ...beat, recentLogs: Array(51).fill(line) });
    await expect(call).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });

  it('tells an agent to upgrade once an operator asks, until it reports that version', async () => {
    const agent = await enrolledAgent('upgrade-1');
    expect((await agent.caller.agent.heartbeat(beat)).upgradeTo).toBeNull();
    const operator = await operatorServing('0.2.0');
    expect(await operator.nodes.agentRelease()).toEqual({ version: '0.2.0' });
    await operator.nodes.requestUpgrade({ id: agent.agentId });
    expect((await agent.caller.agent.heartbeat(beat)).upgradeTo).toBe('0.2.0');
    expect(
      (await agent.caller.agent.heartbeat({ ...beat, version: '0.2.0' })).upgradeTo,
    ).toBeNull();
    expect((await agent.caller.agent.heartbeat(beat)).upgradeTo).toBeNull();
    const [latest] = await listAudit(h.client.db, { limit: 1 });
    expect(latest?.action).toBe('agent.upgrade_requested');
  });

  it('refuses an upgrade request when the console has no bundle', async () => {
    const agent = await enrolledAgent('upgrade-2');
    const call = h.as.operator.nodes.requestUpgrade({ id: agent.agentId });
    await expect(call).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('deregisters an agent without cluster nodes and audits it; its credential stops working', async () => {
    const agent = await enrolledAgent('leaving-1');
    expect(await agent.caller.agent.membership()).toEqual({ nodes: 0, ownsSlots: false });
    await agent.caller.agent.deregister({});
    expect(await findAgent(h.client.db, agent.agentId)).toBeUndefined();
    const entries = await listAudit(h.client.db, { limit: 5 });
    expect(
      entries.some((e) => e.action === 'agent.deregister' && e.targetId === agent.agentId),
    ).toBe(true);
    const again = await h.asBearer(agent.credential);
    await expect(again.agent.heartbeat(beat)).rejects.toMatchObject({
      code: 'UNAUTHORIZED',
    });
  });

  it('refuses to deregister an agent that runs a cluster node unless forced', async () => {
    const agent = await enrolledAgent('leaving-2');
    const [cluster] = await h.client.db.insert(clusters).values({ name: 'c-leave' }).returning();
    if (!cluster) throw new Error('no cluster');
    await h.client.db
      .insert(nodes)
      .values({ clusterId: cluster.id, agentId: agent.agentId, host: '127.0.0.1', port: 6400 });
    expect(await agent.caller.agent.membership()).toEqual({ nodes: 1, ownsSlots: true });
    await expect(agent.caller.agent.deregister({})).rejects.toMatchObject({
      code: 'PRECONDITION_FAILED',
    });
    expect(await findAgent(h.client.db, agent.agentId)).toBeDefined();
    await agent.caller.agent.deregister({ force: true });
    expect(await findAgent(h.client.db, agent.agentId)).toBeUndefined();
  });

  it('lets only usable tokens and known agents download the bundle', async () => {
    const db = h.client.db;
    const fresh = await h.as.admin.enrollment.create({});
    const revoked = await h.as.admin.enrollment.create({});
    await h.as.admin.enrollment.revoke({ id: revoked.id });
    await createEnrollmentToken(db, {
      tokenHash: hashSecret('cfe_old'),
      prefix: 'cfe_old',
      expiresAt: new Date(Date.now() - 1000),
    });
    const agent = await enrolledAgent('downloader');
    const codeOf = async (bearer: string | undefined) => {
      const access = await authorizeAgentDownload(db, bearer);
      return access.ok ? access.caller : access.code;
    };
    expect(await codeOf(fresh.token)).toBe('enrollment-token');
    expect(await codeOf(agent.credential)).toBe('agent');
    expect(await codeOf(undefined)).toBe('E_DOWNLOAD_UNAUTHORIZED');
    expect(await codeOf('cfa_forged')).toBe('E_AGENT_CREDENTIAL_UNKNOWN');
    expect(await codeOf(revoked.token)).toBe('E_ENROLLMENT_TOKEN_REVOKED');
    expect(await codeOf('cfe_old')).toBe('E_ENROLLMENT_TOKEN_EXPIRED');
    expect(await codeOf('cfe_unknown')).toBe('E_ENROLLMENT_TOKEN_UNKNOWN');
  });
});
