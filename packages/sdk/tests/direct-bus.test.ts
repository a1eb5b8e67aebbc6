// The direct-mode bus contract when the subscription is refused: a service hears why (a busDown
// event with Redis's own error), its L1 serves nothing meanwhile (reads come from L2, never stale),
// and once the subscription is allowed again L1 serves again.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CacheEventMap, Tier } from '@cachefleet/cache-core';
import {
  createCachefleetClient,
  type CachefleetClient,
  type DirectNamespace,
} from '../src/index.js';
import { onEveryNode } from './helpers/fleet.js';
import { startDirectStack, type DirectStack } from './helpers/stack.js';
import { within } from './helpers/within.js';

interface Note {
  text: string;
}

describe('direct mode when the bus subscription is refused', () => {
  let stack: DirectStack;
  let writerClient: CachefleetClient;
  let readerClient: CachefleetClient;
  let writer: DirectNamespace<Note>;
  let reader: DirectNamespace<Note>;
  let aclUser: string;

  beforeAll(async () => {
    stack = await startDirectStack('pglite');
    const { url } = stack.controlPlane;
    writerClient = createCachefleetClient({ url, apiKey: stack.keys.readWrite.secret });
    readerClient = createCachefleetClient({ url, apiKey: stack.keys.readWrite.secret });
    writer = writerClient.namespace<Note>(stack.namespace, { mode: 'direct' });
    reader = readerClient.namespace<Note>(stack.namespace, { mode: 'direct' });
    await Promise.all([writer.ready(), reader.ready()]);
    aclUser = `cfk_${stack.keys.readWrite.id.replaceAll('-', '')}`;
  }, 120_000);
  afterAll(async () => {
    await writerClient.close();
    await readerClient.close();
    await stack.stop();
  });

  it('reports the refusal as busDown, serves from L2 meanwhile, and uses L1 again once allowed', async () => {
    const events = await reader.events();
    const downs: CacheEventMap['busDown'][] = [];
    const hits: Record<Tier, number> = { l1: 0, l2: 0 };
    events.on('busDown', (event) => downs.push(event));
    events.on('hit', ({ tier }) => {
      hits[tier]++;
    });
    await writer.set('n1', { text: 'one' });
    expect(await reader.get('n1')).toEqual({ text: 'one' });
    expect(await reader.get('n1')).toEqual({ text: 'one' });
    expect(hits.l1).toBe(1);

    // The key's user loses its channel; its connections are cut, so the bus must subscribe again.
    await onEveryNode(stack.redis, 'ACL', 'SETUSER', aclUser, 'resetchannels');
    await onEveryNode(stack.redis, 'CLIENT', 'KILL', 'USER', aclUser);
    await within(5_000, () => Promise.resolve(downs.some((d) => /NOPERM/.test(d.error.message))));
    expect(downs[0]?.namespace).toBe(stack.namespace);

    // Never stale while down: every read goes to L2 and sees the other client's write.
    const l1Before = hits.l1;
    await writer.set('n1', { text: 'two' });
    expect(await reader.get('n1')).toEqual({ text: 'two' });
    expect(await reader.get('n1')).toEqual({ text: 'two' });
    expect(hits.l1).toBe(l1Before);

    await onEveryNode(stack.redis, 'ACL', 'SETUSER', aclUser, `&cf:${stack.namespace}:bus`);
    await within(5_000, async () => {
      const before = hits.l1;
      await reader.get('n1');
      return hits.l1 > before;
    });
    await writer.set('n1', { text: 'three' });
    await within(100, async () => (await reader.get('n1'))?.text === 'three');
  });
});
