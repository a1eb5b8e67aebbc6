import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { apiKeys, insertDataSource, insertNamespace, updateNamespace } from '@cachefleet/db';
import { databaseKinds } from '@cachefleet/testing';
import { eq } from 'drizzle-orm';
import { startHarness, type Harness } from '../../tests/harness.js';
import {
  createCluster,
  enrollAgent,
  sealer,
  type FixtureAgent,
} from '../../tests/namespace-fixtures.js';
import { namespacePolicy } from '../namespaces/policy.js';
import { hashSecret } from '../security/secrets.js';

describe.each(databaseKinds())('agentData on %s', (kind) => {
  let h: Harness;
  let member: FixtureAgent;
  let idle: FixtureAgent;
  let secret: string;
  let keyId: string;

  beforeAll(async () => {
    h = await startHarness(kind);
    member = await enrollAgent(h, 'a1', { agentPort: 9101, redisPort: 7101 });
    idle = await enrollAgent(h, 'a2', { agentPort: 9102, redisPort: 7102 });
    const clusterId = await createCluster(h, 'main', [
      { agentId: member.agentId, host: '127.0.0.1', port: 7101 },
    ]);
    const source = await insertDataSource(h.client.db, {
      name: 'pg',
      connectionSealed: sealer.seal('postgres://app:s3cret@db:5432/app'),
      redacted: 'app@db:5432/app',
    });
    await insertNamespace(h.client.db, {
      name: 'users',
      clusterId,
      dataSourceId: source.id,
      source: {
        table: 'users_cache',
        keyColumn: 'key',
        valueColumn: 'value',
        versionColumn: 'version',
        valueType: 'jsonb',
      },
      policy: namespacePolicy.parse({}),
    });
    const created = await h.as.admin.apiKeys.create({
      name: 'svc',
      scopes: [{ namespace: 'users', permission: 'read-write' }],
    });
    secret = created.secret;
    keyId = created.id;
  }, 180_000);
  afterAll(() => h.stop());

  it("hands a member agent its cluster's credential, namespaces with opened sources, and keys", async () => {
    const { revision, config } = await member.caller.agentData.config({});
    expect(revision).toMatch(/^[0-9a-f]{24}$/);
    expect(config?.cluster).toMatchObject({
      name: 'main',
      nodes: [{ host: '127.0.0.1', port: 7101 }],
      username: 'cachefleet',
      password: 'pw-main',
    });
    expect(config?.namespaces).toEqual([
      expect.objectContaining({
        name: 'users',
        writeMode: 'write-through',
        ttlSeconds: 600,
        maxKeyBytes: 1024,
        source: expect.objectContaining({
          connectionString: 'postgres://app:s3cret@db:5432/app',
          table: 'users_cache',
        }) as unknown,
      }),
    ]);
    expect(config?.apiKeys).toEqual([
      {
        id: keyId,
        prefix: secret.slice(0, 10),
        hash: hashSecret(secret),
        scopes: [{ namespace: 'users', permission: 'read-write' }],
        aclUser: `cfk_${keyId.replaceAll('-', '')}`,
        aclPassword: sealer.derive(`acl:${keyId}`),
      },
    ]);
  });

  it('answers null while the known revision is current, and a new revision after a change', async () => {
    const first = await member.caller.agentData.config({});
    const again = await member.caller.agentData.config({ knownRevision: first.revision });
    expect(again).toEqual({ revision: first.revision, config: null });
    await updateNamespace(h.client.db, 'users', {
      policy: namespacePolicy.parse({ ttlSeconds: 60 }),
    });
    const changed = await member.caller.agentData.config({ knownRevision: first.revision });
    expect(changed.revision).not.toBe(first.revision);
    expect(changed.config?.namespaces[0]?.ttlSeconds).toBe(60);
  });

  it('gives an agent without a node no cluster and no namespaces', async () => {
    const { config } = await idle.caller.agentData.config({});
    expect(config?.cluster).toBeNull();
    expect(config?.namespaces).toEqual([]);
  });

  it('drops a revoked key from the config and from API-key authentication', async () => {
    const extra = await h.as.admin.apiKeys.create({
      name: 'tmp',
      scopes: [{ namespace: 'users', permission: 'read' }],
    });
    expect((await h.caller({ bearerToken: extra.secret })).apiKeys).toBeDefined();
    const ids = async () =>
      (await member.caller.agentData.config({})).config?.apiKeys.map((k) => k.id);
    expect(await ids()).toContain(extra.id);
    await h.as.admin.apiKeys.revoke({ id: extra.id });
    expect(await ids()).not.toContain(extra.id);
  });

  it('moves lastUsedAt forward only, and ignores times in the future', async () => {
    const lastUsed = async () =>
      (await h.client.db.select().from(apiKeys).where(eq(apiKeys.id, keyId)))[0]?.lastUsedAt;
    const t1 = new Date(Date.now() - 60_000);
    await member.caller.agentData.reportKeyUsage({
      usage: [{ apiKeyId: keyId, lastUsedAt: t1.toISOString() }],
    });
    expect((await lastUsed())?.getTime()).toBe(t1.getTime());
    await member.caller.agentData.reportKeyUsage({
      usage: [{ apiKeyId: keyId, lastUsedAt: new Date(t1.getTime() - 5000).toISOString() }],
    });
    expect((await lastUsed())?.getTime()).toBe(t1.getTime());
    const future = new Date(Date.now() + 3_600_000);
    await member.caller.agentData.reportKeyUsage({
      usage: [{ apiKeyId: keyId, lastUsedAt: future.toISOString() }],
    });
    expect((await lastUsed())?.getTime()).toBeLessThan(future.getTime());
  });

  it('refuses more than 1000 usage entries and a signed-in user', async () => {
    const usage = Array.from({ length: 1001 }, () => ({
      apiKeyId: keyId,
      lastUsedAt: new Date().toISOString(),
    }));
    await expect(member.caller.agentData.reportKeyUsage({ usage })).rejects.toThrow();
    await expect(h.as.admin.agentData.config({})).rejects.toMatchObject({ code: 'UNAUTHORIZED' });
  });
});
