// Direct mode while Redis cannot be used as the API key's ACL user (its password no longer
// matches): no call hangs. A read falls back to the agents (or fails with a code) and close()
// resolves, whether Redis was unusable from the start or became so after connecting. The bounds
// are generous: they catch a hang, they do not time anything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCachefleetClient, type CachefleetClient } from '../src/index.js';
import { onEveryNode } from './helpers/fleet.js';
import { startDirectStack, type DirectStack } from './helpers/stack.js';
import { runEach } from './helpers/teardown.js';

const boundMs = 15_000;

type Outcome = { value: unknown } | { code: unknown };

/** The call's value or error code, or a failure naming the call if it has not settled in time. */
async function settled(name: string, call: Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`${name} did not settle within ${boundMs} ms`));
    }, boundMs);
  });
  try {
    return await Promise.race([
      call.then(
        (value) => ({ value }),
        (error: unknown) => ({ code: (error as { code?: unknown }).code }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('direct mode with Redis unusable for the key', () => {
  let stack: DirectStack;
  let user: string;
  const clients: CachefleetClient[] = [];

  function open(): CachefleetClient {
    const client = createCachefleetClient({
      url: stack.controlPlane.url,
      apiKey: stack.keys.readWrite.secret,
      timeoutMs: 3_000,
    });
    clients.push(client);
    return client;
  }

  async function breakPassword(): Promise<void> {
    await onEveryNode(stack.redis, 'ACL', 'SETUSER', user, 'resetpass', '>no-longer-issued');
    await onEveryNode(stack.redis, 'CLIENT', 'KILL', 'USER', user);
  }

  beforeAll(async () => {
    stack = await startDirectStack('pglite');
    user = `cfk_${stack.keys.readWrite.id.replaceAll('-', '')}`;
    for (const name of ['ada', 'bob', 'cy']) {
      await stack.pool.query(
        `INSERT INTO ${stack.table} (key, value, version) VALUES ($1, $2, 1)`,
        [name, JSON.stringify({ name })],
      );
    }
  }, 120_000);
  afterAll(async () => {
    stack.redis.nodes.forEach((node) => node.process.kill('SIGCONT'));
    await runEach([...clients.map((client) => async () => client.close()), () => stack.stop()]);
  });

  it('every node stopped (SIGSTOP) after connecting: get settles, close resolves', async () => {
    const client = open();
    const ns = client.namespace<{ name: string }>(stack.namespace, { mode: 'direct' });
    expect(await ns.get('ada')).toEqual({ name: 'ada' });
    stack.redis.nodes.forEach((node) => node.process.kill('SIGSTOP'));
    try {
      // The agent reads the same stopped cluster: it may answer, or fail (a coded error).
      const outcome = await settled('get', ns.get('bob'));
      if ('code' in outcome) expect(outcome.code).toEqual(expect.stringMatching(/^E_[A-Z_]+$/));
      else expect(outcome).toEqual({ value: { name: 'bob' } });
      expect(await settled('close', client.close())).toEqual({ value: undefined });
    } finally {
      stack.redis.nodes.forEach((node) => node.process.kill('SIGCONT'));
    }
  });

  it('unusable after connecting: get answers through the agents, close resolves', async () => {
    const client = open();
    const ns = client.namespace<{ name: string }>(stack.namespace, { mode: 'direct' });
    expect(await ns.get('ada')).toEqual({ name: 'ada' });
    await breakPassword();
    const outcome = await settled('get', ns.get('cy'));
    expect([{ value: { name: 'cy' } }, { code: 'E_L2_UNAVAILABLE' }]).toContainEqual(outcome);
    expect(await settled('close', client.close())).toEqual({ value: undefined });
  });

  it('unusable from the start: get answers through the agents, close resolves', async () => {
    await breakPassword();
    const client = open();
    const ns = client.namespace<{ name: string }>(stack.namespace, { mode: 'direct' });
    const outcome = await settled('get', ns.get('ada'));
    expect([{ value: { name: 'ada' } }, { code: 'E_L2_UNAVAILABLE' }]).toContainEqual(outcome);
    expect(await settled('close', client.close())).toEqual({ value: undefined });
  });

  it('unusable from the start: close while the first get is still connecting', async () => {
    const client = open();
    const ns = client.namespace<{ name: string }>(stack.namespace, { mode: 'direct' });
    const get = settled('get', ns.get('bob'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await settled('close', client.close())).toEqual({ value: undefined });
    // Either the read was already on its way (and fell back to the agents) or it is refused.
    const outcomes = [
      { value: { name: 'bob' } },
      { code: 'E_CLOSED' },
      { code: 'E_L2_UNAVAILABLE' },
    ];
    expect(outcomes).toContainEqual(await get);
  });
});
