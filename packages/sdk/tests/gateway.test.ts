// Gateway mode against the console's real `cache.*` procedures (cache-core in the control-plane
// process, on a real Redis Cluster and PostgreSQL table), side by side with a direct-mode client.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createCachefleetClient,
  ForbiddenError,
  InvalidRequestError,
  UnknownNamespaceError,
  type CachefleetClient,
  type DirectNamespace,
  type GatewayNamespace,
} from '../src/index.js';
import { startDirectStack, type DirectStack } from './helpers/stack.js';
import { within } from './helpers/within.js';

interface Item {
  title: string;
}

describe('gateway mode', () => {
  let stack: DirectStack;
  let client: CachefleetClient;
  let gateway: GatewayNamespace<Item>;
  let direct: DirectNamespace<Item>;

  beforeAll(async () => {
    stack = await startDirectStack('pglite');
    client = createCachefleetClient({
      url: stack.controlPlane.url,
      apiKey: stack.keys.readWrite.secret,
    });
    gateway = client.namespace<Item>(stack.namespace, { mode: 'gateway' });
    direct = client.namespace<Item>(stack.namespace, { mode: 'direct' });
    await direct.ready();
  }, 120_000);
  afterAll(async () => {
    await client.close();
    await stack.stop();
  });

  it('reads through, writes through and deletes, with the source of truth following', async () => {
    await stack.pool.query(
      `INSERT INTO ${stack.table} (key, value, version) VALUES ('g1', '{"title":"from pg"}', 1)`,
    );
    expect(await gateway.get('g1')).toEqual({ title: 'from pg' });
    await gateway.set('g2', { title: 'two' }, { tags: ['list'] });
    expect(await stack.row('g2')).toEqual({ title: 'two' });
    expect(await gateway.getMany(['g2', 'none', 'g1'])).toEqual([
      { title: 'two' },
      undefined,
      { title: 'from pg' },
    ]);
    await gateway.delete('g2');
    expect(await gateway.get('g2')).toBeUndefined();
    expect(await stack.row('g2')).toBeUndefined();
  });

  it("invalidates a direct-mode client's L1 within 100 ms of a gateway write", async () => {
    await gateway.set('g3', { title: 'old' });
    expect(await direct.get('g3')).toEqual({ title: 'old' });
    await gateway.set('g3', { title: 'new' });
    await within(100, async () => (await direct.get('g3'))?.title === 'new');
  });

  it('sets many and invalidates by key and by tag', async () => {
    await gateway.setMany([
      { key: 'g4', value: { title: 'four' }, tags: ['t'] },
      { key: 'g5', value: { title: 'five' } },
    ]);
    await gateway.invalidate({ keys: ['g5'] });
    await gateway.invalidate({ tag: 't' });
    expect((await stack.inspectL2('g5')).l2).toBeUndefined();
    // The source is untouched: both read through again.
    expect(await gateway.getMany(['g4', 'g5'])).toEqual([{ title: 'four' }, { title: 'five' }]);
  });

  it('refuses with the same error classes and codes as direct mode', async () => {
    const url = stack.controlPlane.url;
    const readOnly = createCachefleetClient({ url, apiKey: stack.keys.readOnly.secret });
    const ghost = createCachefleetClient({ url, apiKey: stack.keys.ghost.secret });
    const ro = readOnly.namespace<Item>(stack.namespace, { mode: 'gateway' });
    await expect(ro.set('g6', { title: 'x' })).rejects.toBeInstanceOf(ForbiddenError);
    expect(await stack.row('g6')).toBeUndefined();
    await expect(ghost.namespace('ghost', { mode: 'gateway' }).get('k')).rejects.toBeInstanceOf(
      UnknownNamespaceError,
    );
    const tooLong = gateway.set('k'.repeat(1025), { title: 'x' });
    await expect(tooLong).rejects.toBeInstanceOf(InvalidRequestError);
    await expect(tooLong).rejects.toMatchObject({ code: 'E_INVALID_KEY' });
    const big = gateway.set('big', { title: 'x'.repeat(1024 * 1024) });
    await expect(big).rejects.toMatchObject({ code: 'E_VALUE_TOO_LARGE' });
    expect(await stack.row('big')).toBeUndefined();
  });
});
