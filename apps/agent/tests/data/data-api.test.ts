// The /v1 data API over a real Redis Cluster and a real PostgreSQL table: read-through, write-
// through, delete, batches, tags, the tier and version on each answer, and the contract's metrics.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import {
  apiKey,
  call,
  ConfigSource,
  dataConfig,
  namespace,
  sample,
  startDataService,
  startDataStack,
  type DataStack,
  type RunningDataService,
} from './harness.js';

describe('agent data API', () => {
  let stack: DataStack;
  let agent: RunningDataService;
  const writer = apiKey({
    users: 'read-write',
    notes: 'read-write',
    events: 'read-write',
    blobs: 'read-write',
  });

  beforeAll(async () => {
    stack = await startDataStack();
    const users = namespace('users', stack.db);
    const notes = namespace('notes', stack.db, { writeMode: 'cache-aside', source: null });
    const events = namespace('events', stack.db, { writeMode: 'write-behind' });
    for (const table of ['ns_users', 'ns_events']) {
      await stack.pool.query(`CREATE SEQUENCE ${table}_cf_version_seq`);
      await stack.pool.query(
        `CREATE TABLE ${table} (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL)`,
      );
    }
    // A table of the application's own: other column names, bytea values, integer versions.
    const blobs = namespace('blobs', stack.db);
    const mapping = { keyColumn: 'id', valueColumn: 'body', versionColumn: 'rev' };
    blobs.source = blobs.source && { ...blobs.source, ...mapping, valueType: 'bytea' };
    await stack.pool.query(`CREATE SEQUENCE ns_blobs_cf_version_seq`);
    await stack.pool.query(
      `CREATE TABLE ns_blobs (id varchar(200) PRIMARY KEY, body bytea NOT NULL, rev integer NOT NULL)`,
    );
    agent = await startDataService(
      new ConfigSource(dataConfig(stack.cluster, [users, notes, events, blobs], [writer])),
    );
  });
  afterAll(async () => {
    await agent.stop();
    await stack.stop();
  });

  const secret = writer.secret;

  it('reads a PostgreSQL row through the cache: source first, then L1, with its version', async () => {
    await stack.pool.query(
      `INSERT INTO ns_users VALUES ('u1', '{"name":"Ada"}', nextval('ns_users_cf_version_seq'))`,
    );
    const { rows } = await stack.pool.query<{ version: string }>(
      "SELECT version FROM ns_users WHERE key='u1'",
    );
    const first = await call(agent.url, 'GET', '/v1/ns/users/keys/u1', { secret });
    expect(first).toEqual({
      status: 200,
      body: { key: 'u1', value: { name: 'Ada' }, version: rows[0]?.version, tier: 'source' },
    });
    const second = await call(agent.url, 'GET', '/v1/ns/users/keys/u1', { secret });
    expect(second.body).toMatchObject({ tier: 'l1', version: rows[0]?.version });
  });

  it('writes through to PostgreSQL and answers with the committed version', async () => {
    const put = await call(agent.url, 'PUT', '/v1/ns/users/keys/u%2F2', {
      secret,
      body: { value: { name: 'Grace' } },
    });
    expect(put.status).toBe(200);
    const { rows } = await stack.pool.query<{ value: unknown; version: string }>(
      "SELECT value, version FROM ns_users WHERE key='u/2'",
    );
    expect(rows[0]?.value).toEqual({ name: 'Grace' });
    expect(put.body).toEqual({ key: 'u/2', version: rows[0]?.version });
    const got = await call(agent.url, 'GET', '/v1/ns/users/keys/u%2F2', { secret });
    expect(got.body).toMatchObject({
      value: { name: 'Grace' },
      tier: 'l1',
      version: rows[0]?.version,
    });
  });

  it('serves a table with its own column names and bytea values (JSON text as UTF-8 bytes)', async () => {
    await stack.pool.query(
      `INSERT INTO ns_blobs VALUES ('b1', convert_to('{"n":1}', 'UTF8'), nextval('ns_blobs_cf_version_seq'))`,
    );
    const got = await call(agent.url, 'GET', '/v1/ns/blobs/keys/b1', { secret });
    expect(got.body).toMatchObject({ key: 'b1', value: { n: 1 }, tier: 'source' });
    const put = await call(agent.url, 'PUT', '/v1/ns/blobs/keys/b2', {
      secret,
      body: { value: { s: 'Zoë' } },
    });
    expect(put.status).toBe(200);
    const { rows } = await stack.pool.query<{ body: Buffer; rev: number }>(
      "SELECT body, rev FROM ns_blobs WHERE id='b2'",
    );
    expect(rows[0]?.body.toString('utf8')).toBe('{"s":"Zoë"}');
    expect(put.body).toEqual({ key: 'b2', version: String(rows[0]?.rev) });
    const del = await call(agent.url, 'DELETE', '/v1/ns/blobs/keys/b1', { secret });
    expect(del.status).toBe(200);
    expect((await stack.pool.query("SELECT 1 FROM ns_blobs WHERE id='b1'")).rowCount).toBe(0);
  });

  it('deletes from PostgreSQL and every tier', async () => {
    await call(agent.url, 'PUT', '/v1/ns/users/keys/gone', { secret, body: { value: 1 } });
    const del = await call(agent.url, 'DELETE', '/v1/ns/users/keys/gone', { secret });
    expect(del).toEqual({ status: 200, body: { key: 'gone', deleted: true } });
    const { rowCount } = await stack.pool.query("SELECT 1 FROM ns_users WHERE key='gone'");
    expect(rowCount).toBe(0);
    const got = await call(agent.url, 'GET', '/v1/ns/users/keys/gone', { secret });
    expect(got.status).toBe(404);
    expect(got.body.error?.code).toBe('E_NOT_FOUND');
  });

  it('sets and gets many, and a cache-aside namespace serves from Redis only', async () => {
    const entries = Array.from({ length: 50 }, (_, i) => ({ key: `n${i}`, value: { i } }));
    const set = await call(agent.url, 'POST', '/v1/ns/notes/set-many', {
      secret,
      body: { entries },
    });
    expect(set.status).toBe(200);
    expect((set.body.entries as unknown[]).length).toBe(50);
    const got = await call(agent.url, 'POST', '/v1/ns/notes/get-many', {
      secret,
      body: { keys: ['n0', 'n49', 'missing'] },
    });
    const written = new Map(
      (set.body.entries as { key: string; version: string }[]).map((e) => [e.key, e.version]),
    );
    // Each found entry carries its version and tier, as a single GET does (the writer's own L1).
    expect(got.body.entries).toEqual([
      { key: 'n0', found: true, value: { i: 0 }, version: written.get('n0'), tier: 'l1' },
      { key: 'n49', found: true, value: { i: 49 }, version: written.get('n49'), tier: 'l1' },
      { key: 'missing', found: false },
    ]);
  });

  it('invalidates by key and by tag', async () => {
    await call(agent.url, 'PUT', '/v1/ns/notes/keys/t1', {
      secret,
      body: { value: 'a', tags: ['red'] },
    });
    await call(agent.url, 'PUT', '/v1/ns/notes/keys/t2', { secret, body: { value: 'b' } });
    const byTag = await call(agent.url, 'POST', '/v1/ns/notes/invalidate', {
      secret,
      body: { tag: 'red' },
    });
    expect(byTag).toEqual({ status: 200, body: { ok: true } });
    expect((await call(agent.url, 'GET', '/v1/ns/notes/keys/t1', { secret })).status).toBe(404);
    expect((await call(agent.url, 'GET', '/v1/ns/notes/keys/t2', { secret })).status).toBe(200);
    await call(agent.url, 'POST', '/v1/ns/notes/invalidate', { secret, body: { keys: ['t2'] } });
    expect((await call(agent.url, 'GET', '/v1/ns/notes/keys/t2', { secret })).status).toBe(404);
  });

  it('queues a write-behind write, answers version 0 until drained, then drains it into PostgreSQL', async () => {
    const put = await call(agent.url, 'PUT', '/v1/ns/events/keys/e1', {
      secret,
      body: { value: { n: 1 } },
    });
    expect(put.status).toBe(200);
    expect(String(put.body.version)).toMatch(/^\d+$/);
    const row = await waitFor('the drained row', async () => {
      const { rows } = await stack.pool.query<{ value: unknown; version: string }>(
        "SELECT value, version FROM ns_events WHERE key='e1'",
      );
      return rows[0];
    });
    expect(row.value).toEqual({ n: 1 });
    await waitFor('the settled version', async () => {
      const got = await call(agent.url, 'GET', '/v1/ns/events/keys/e1', { secret });
      return got.body.version === row.version;
    });
    const text = await agent.registry.metrics();
    expect(sample(text, 'cachefleet_write_behind_queue_depth{namespace="events"}')).toBe(0);
    expect(sample(text, 'cachefleet_write_behind_dead_letters{namespace="events"}')).toBe(0);
  });

  it('exposes the contract metrics per namespace with bounded labels', async () => {
    await call(agent.url, 'GET', '/v1/ns/unknown-ns/keys/x', { secret });
    const text = await agent.registry.metrics();
    expect(
      sample(text, 'cachefleet_cache_requests_total{namespace="users",tier="l1",result="hit"}'),
    ).toBeGreaterThan(0);
    expect(
      sample(text, 'cachefleet_cache_loads_total{namespace="users",result="ok"}'),
    ).toBeGreaterThan(0);
    expect(text).toMatch(
      /cachefleet_data_api_request_duration_seconds_count\{namespace="users",operation="get",code="2xx"\} \d+/,
    );
    expect(text).toMatch(
      /cachefleet_data_api_request_duration_seconds_count\{namespace="_unknown",operation="get",code="4xx"\} 1/,
    );
    expect(text).not.toContain('u1');
  });
});
