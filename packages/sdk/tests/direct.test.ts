// Direct mode against a real control plane, a real Redis Cluster (as the API keys' ACL users) and a
// real PostgreSQL table, with a stand-in agent answering the data API (the end-to-end test in
// e2e/ runs the real agent).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tier } from '@cachefleet/cache-core';
import { databaseKinds } from '@cachefleet/testing';
import {
  createCachefleetClient,
  type CachefleetClient,
  type DirectNamespace,
} from '../src/index.js';
import { startDirectStack, type DirectStack } from './helpers/stack.js';
import { runEach } from './helpers/teardown.js';
import { within } from './helpers/within.js';

interface User {
  name: string;
  visits: number;
}

/** Counts the tier of every hit the namespace's embedded cache reports. */
async function hitCounter(ns: DirectNamespace<User>): Promise<Record<Tier, number>> {
  const hits: Record<Tier, number> = { l1: 0, l2: 0 };
  (await ns.events()).on('hit', ({ tier }) => {
    hits[tier]++;
  });
  return hits;
}

describe.each(databaseKinds())('direct mode on %s', (kind) => {
  let stack: DirectStack;
  let writer: CachefleetClient;
  let reader: CachefleetClient;
  let a: DirectNamespace<User>;
  let b: DirectNamespace<User>;

  beforeAll(async () => {
    stack = await startDirectStack(kind);
    const url = stack.controlPlane.url;
    writer = createCachefleetClient({ url, apiKey: stack.keys.readWrite.secret });
    reader = createCachefleetClient({ url, apiKey: stack.keys.readWrite.secret });
    a = writer.namespace<User>(stack.namespace, { mode: 'direct' });
    b = reader.namespace<User>(stack.namespace, { mode: 'direct' });
    await Promise.all([a.ready(), b.ready()]);
  }, 120_000);
  afterAll(async () => {
    await runEach([
      async () => writer.close(),
      async () => reader.close(),
      async () => stack.stop(),
    ]);
  });

  it('reads a PostgreSQL row through an agent once, then serves it from L1', async () => {
    await stack.pool.query(
      `INSERT INTO ${stack.table} (key, value, version) VALUES ('ada', '{"name":"Ada","visits":1}', 1)`,
    );
    const hits = await hitCounter(a);
    const before = stack.agent.requests.get('GET keys') ?? 0;
    expect(await a.get('ada')).toEqual({ name: 'Ada', visits: 1 });
    expect(stack.agent.requests.get('GET keys')).toBe(before + 1);
    for (let i = 0; i < 5; i++) expect(await a.get('ada')).toEqual({ name: 'Ada', visits: 1 });
    expect(stack.agent.requests.get('GET keys')).toBe(before + 1);
    expect(hits.l1).toBe(5);
  });

  it("invalidates another client's L1 within 100 ms of a write, and the writer reads its own write", async () => {
    await a.set('bob', { name: 'Bob', visits: 1 });
    expect(await b.get('bob')).toEqual({ name: 'Bob', visits: 1 });
    const readerHits = await hitCounter(b);
    expect(await b.get('bob')).toEqual({ name: 'Bob', visits: 1 });
    expect(readerHits.l1).toBe(1);

    const writerHits = await hitCounter(a);
    await a.set('bob', { name: 'Bob', visits: 2 });
    expect(await a.get('bob')).toEqual({ name: 'Bob', visits: 2 });
    expect(writerHits.l1).toBe(1);
    await within(100, async () => (await b.get('bob'))?.visits === 2);
    expect(await stack.row('bob')).toEqual({ name: 'Bob', visits: 2 });
  });

  it('removes a deleted key from every tier and the source', async () => {
    await a.set('cy', { name: 'Cy', visits: 1 });
    expect(await b.get('cy')).toEqual({ name: 'Cy', visits: 1 });
    await a.delete('cy');
    expect(await a.get('cy')).toBeUndefined();
    await within(100, async () => (await b.get('cy')) === undefined);
    expect(await stack.row('cy')).toBeUndefined();
    const view = await stack.inspectL2('cy');
    expect(view.l2?.kind).toBe('tombstone');
  });

  it('writes and reads batches in order', async () => {
    await a.setMany([
      { key: 'm1', value: { name: 'M1', visits: 1 } },
      { key: 'm2', value: { name: 'M2', visits: 2 } },
    ]);
    expect(await b.getMany(['m2', 'nobody', 'm1'])).toEqual([
      { name: 'M2', visits: 2 },
      undefined,
      { name: 'M1', visits: 1 },
    ]);
    expect(await stack.row('m2')).toEqual({ name: 'M2', visits: 2 });
  });

  it('sends tags with the write and drops tagged entries everywhere on invalidate({ tag })', async () => {
    await a.set('t1', { name: 'T', visits: 1 }, { tags: ['team'] });
    expect(await b.get('t1')).toEqual({ name: 'T', visits: 1 });
    expect((await stack.inspectL2('t1')).l2?.tags).toEqual(['team']);
    const hits = await hitCounter(b);
    await a.invalidate({ tag: 'team' });
    await within(100, async () => {
      const before = hits.l1;
      await b.get('t1');
      return hits.l1 === before;
    });
    // The value itself stays (the source is untouched): the next read loads it again.
    expect(await b.get('t1')).toEqual({ name: 'T', visits: 1 });
  });

  it('invalidates keys in every process without touching the source', async () => {
    await a.set('k1', { name: 'K', visits: 1 });
    expect(await b.get('k1')).toEqual({ name: 'K', visits: 1 });
    await a.invalidate({ keys: ['k1'] });
    expect((await stack.inspectL2('k1')).l2).toBeUndefined();
    expect(await stack.row('k1')).toEqual({ name: 'K', visits: 1 });
    expect(await b.get('k1')).toEqual({ name: 'K', visits: 1 });
  });
});
