import { TRPCError } from '@trpc/server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agents, deleteNamespace, insertNamespace } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { eq } from 'drizzle-orm';
import { startHarness, type Harness } from '../../tests/harness.js';
import { createCluster, enrollAgent, sealer } from '../../tests/namespace-fixtures.js';
import { namespacePolicy } from '../namespaces/policy.js';

async function appCodeOf(call: Promise<unknown>): Promise<string> {
  try {
    await call;
    return 'OK';
  } catch (error) {
    const cause = error instanceof TRPCError ? error.cause : undefined;
    return cause && 'appCode' in cause ? String(cause.appCode) : String(error);
  }
}

describe.each(databaseKinds())('sdk.namespace on %s', (kind) => {
  let h: Harness;
  let readKey: { id: string; secret: string };
  let writeKey: { id: string; secret: string };

  beforeAll(async () => {
    h = await startHarness(kind);
    const fresh = await enrollAgent(h, 'a1', { agentPort: 9201, redisPort: 7201 });
    const stale = await enrollAgent(h, 'a2', { agentPort: 9202, redisPort: 7202 });
    await h.client.db
      .update(agents)
      .set({ lastHeartbeatAt: new Date(Date.now() - 120_000) })
      .where(eq(agents.id, stale.agentId));
    const clusterId = await createCluster(h, 'main', [
      { agentId: fresh.agentId, host: '127.0.0.1', port: 7201 },
      { agentId: stale.agentId, host: '127.0.0.1', port: 7202 },
    ]);
    for (const name of ['users', 'ghost']) {
      await insertNamespace(h.client.db, {
        name,
        clusterId,
        policy: namespacePolicy.parse({ writeMode: 'cache-aside', ttlSeconds: 60 }),
      });
    }
    const scopes = (permission: 'read' | 'read-write') => [
      { namespace: 'users', permission },
      { namespace: 'ghost', permission },
    ];
    readKey = await h.as.admin.apiKeys.create({ name: 'r', scopes: scopes('read') });
    writeKey = await h.as.admin.apiKeys.create({ name: 'rw', scopes: scopes('read-write') });
    // A scope can outlive its namespace.
    await deleteNamespace(h.client.db, 'ghost');
  });
  afterAll(() => h.stop());

  it("grants the key's permission, the policy, Redis as the key's ACL user and the fresh agents", async () => {
    const access = await (await h.asBearer(readKey.secret)).sdk.namespace({ name: 'users' });
    expect(access).toMatchObject({
      name: 'users',
      permission: 'read',
      policy: { writeMode: 'cache-aside', ttlSeconds: 60 },
      redis: {
        nodes: [
          { host: '127.0.0.1', port: 7201 },
          { host: '127.0.0.1', port: 7202 },
        ],
        username: `cfk_${readKey.id.replaceAll('-', '')}`,
        password: sealer.derive(`acl:${readKey.id}`),
      },
      // The agent whose heartbeat is two minutes old is not offered.
      agents: [{ url: 'http://127.0.0.1:9201' }],
    });
    const rw = await (await h.asBearer(writeKey.secret)).sdk.namespace({ name: 'users' });
    expect(rw.permission).toBe('read-write');
    expect(rw.redis.password).not.toBe(access.redis.password);
  });

  it('refuses namespaces outside the scope, unknown namespaces and bad names with coded errors', async () => {
    const caller = await h.asBearer(writeKey.secret);
    expect(await appCodeOf(caller.sdk.namespace({ name: 'orders' }))).toBe('E_FORBIDDEN');
    expect(await appCodeOf(caller.sdk.namespace({ name: 'ghost' }))).toBe('E_UNKNOWN_NAMESPACE');
    await expect(caller.sdk.namespace({ name: 'Bad Name' })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
    });
  });

  it('refuses a wrong or revoked key and a console session', async () => {
    expect(await appCodeOf((await h.asBearer('cfk_wrong')).sdk.namespace({ name: 'users' }))).toBe(
      'E_UNAUTHORIZED',
    );
    await h.as.admin.apiKeys.revoke({ id: readKey.id });
    const revoked = await h.asBearer(readKey.secret);
    expect(await appCodeOf(revoked.sdk.namespace({ name: 'users' }))).toBe('E_UNAUTHORIZED');
    expect(await appCodeOf(h.as.admin.sdk.namespace({ name: 'users' }))).toBe('E_UNAUTHORIZED');
  });
});
