import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createDbClient,
  createEnrollmentToken,
  createFirstUser,
  createUser,
  enrollAgent,
  findAgent,
  findSessionUser,
  createSession,
  listAgents,
  listAudit,
  migrateDatabase,
  recordHeartbeat,
  revokeEnrollmentToken,
  writeAudit,
  type DbClient,
} from '../src/index.js';
import { databaseKinds, startTestDatabase, type TestDatabase } from '../src/testing/index.js';

const agent = (n: number) => ({ name: `a${n}`, hostname: 'h', credentialHash: `cred-${n}` });
const inOneHour = () => new Date(Date.now() + 3_600_000);

describe.each(databaseKinds())('queries on %s', (kind) => {
  let database: TestDatabase;
  let client: DbClient;

  beforeAll(async () => {
    database = await startTestDatabase(kind);
    client = createDbClient(database.url);
    await migrateDatabase(client.db);
    await migrateDatabase(client.db); // a second start finds nothing to do
  });
  afterAll(async () => {
    await client.close();
    await database.stop();
  });

  it('creates the first user only once', async () => {
    const user = { email: 'a@x', name: 'A', passwordHash: 'h', role: 'admin' as const };
    const first = await createFirstUser(client.db, user);
    expect(first?.email).toBe('a@x');
    expect(first).not.toHaveProperty('passwordHash');
    expect(await createFirstUser(client.db, { ...user, email: 'b@x' })).toBeUndefined();
  });

  it('finds the user behind a live session and not behind an expired one', async () => {
    const { id: userId } = await createUser(client.db, {
      email: 'x@x',
      name: 'X',
      passwordHash: 'h',
      role: 'viewer',
    });
    await createSession(client.db, { tokenHash: 'live', userId, expiresAt: inOneHour() });
    await createSession(client.db, { tokenHash: 'old', userId, expiresAt: new Date(1000) });
    expect((await findSessionUser(client.db, 'live'))?.id).toBe(userId);
    expect(await findSessionUser(client.db, 'old')).toBeUndefined();
  });

  it('spends an enrollment token exactly once and creates one agent', async () => {
    await createEnrollmentToken(client.db, {
      tokenHash: 't1',
      prefix: 'p',
      expiresAt: inOneHour(),
    });
    const results = await Promise.all([1, 2, 3].map((n) => enrollAgent(client.db, 't1', agent(n))));
    expect(results.filter((r) => r.ok)).toHaveLength(1);
    expect(results.flatMap((r) => (r.ok ? [] : [r.reason]))).toEqual(['used', 'used']);
    expect(await listAgents(client.db)).toHaveLength(1);
  });

  it('refuses unknown, expired and revoked tokens without creating an agent', async () => {
    const before = (await listAgents(client.db)).length;
    await createEnrollmentToken(client.db, {
      tokenHash: 'exp',
      prefix: 'p',
      expiresAt: new Date(1),
    });
    const revoked = await createEnrollmentToken(client.db, {
      tokenHash: 'rev',
      prefix: 'p',
      expiresAt: inOneHour(),
    });
    expect(await revokeEnrollmentToken(client.db, revoked.id)).toBe(true);
    expect(await enrollAgent(client.db, 'nope', agent(7))).toEqual({
      ok: false,
      reason: 'unknown',
    });
    expect(await enrollAgent(client.db, 'exp', agent(8))).toEqual({ ok: false, reason: 'expired' });
    expect(await enrollAgent(client.db, 'rev', agent(9))).toEqual({ ok: false, reason: 'revoked' });
    expect(await listAgents(client.db)).toHaveLength(before);
  });

  it('records heartbeats and never lists credential hashes', async () => {
    const [first] = await listAgents(client.db);
    if (!first) throw new Error('no agent');
    await recordHeartbeat(client.db, first.id, {
      address: '127.0.0.1',
      agentPort: 1,
      redisPort: 2,
      version: '0.1.0',
      redisVersion: '7.0.15',
      redisUp: true,
      stats: null,
    });
    const found = await findAgent(client.db, first.id);
    expect(found?.redisUp).toBe(true);
    expect(found?.lastHeartbeatAt).toBeInstanceOf(Date);
    expect(found).not.toHaveProperty('credentialHash');
  });

  it('pages the audit log newest first', async () => {
    for (const action of ['one', 'two', 'three']) {
      await writeAudit(client.db, { actorType: 'system', actorLabel: 'test', action });
    }
    const page = await listAudit(client.db, { limit: 2 });
    expect(page.map((e) => e.action)).toEqual(['three', 'two']);
    const next = await listAudit(client.db, { limit: 2, beforeId: page[1]?.id });
    expect(next.map((e) => e.action)).toEqual(['one']);
  });
});
