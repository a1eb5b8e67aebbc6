// Refusals in direct mode: each is a CachefleetError subclass with a stable code, and changes
// nothing (the namespace's table and L2 are checked after each).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CachefleetError } from '../src/index.js';
import {
  createCachefleetClient,
  ForbiddenError,
  InvalidRequestError,
  UnauthorizedError,
  UnavailableError,
  UnknownNamespaceError,
  type CachefleetClient,
  type NamespaceClient,
} from '../src/index.js';
import { startDirectStack, type DirectStack } from './helpers/stack.js';

type Case = [
  name: string,
  call: (s: DirectStack) => Promise<unknown>,
  errorClass: typeof CachefleetError,
  code: string,
];

const clients: CachefleetClient[] = [];

function handle(s: DirectStack, apiKey: string, name = s.namespace): NamespaceClient<unknown> {
  const client = createCachefleetClient({ url: s.controlPlane.url, apiKey });
  clients.push(client);
  return client.namespace(name, { mode: 'direct' });
}

const cases: Case[] = [
  ['wrong API key', (s) => handle(s, 'cfk_wrong').get('k'), UnauthorizedError, 'E_UNAUTHORIZED'],
  [
    'namespace outside the key scope',
    (s) => handle(s, s.keys.otherScope.secret).get('k'),
    ForbiddenError,
    'E_FORBIDDEN',
  ],
  [
    'unknown namespace',
    (s) => handle(s, s.keys.ghost.secret, 'ghost').get('k'),
    UnknownNamespaceError,
    'E_UNKNOWN_NAMESPACE',
  ],
  [
    'read-only key writing',
    (s) => handle(s, s.keys.readOnly.secret).set('k', 1),
    ForbiddenError,
    'E_FORBIDDEN',
  ],
  [
    'read-only key deleting',
    (s) => handle(s, s.keys.readOnly.secret).delete('k'),
    ForbiddenError,
    'E_FORBIDDEN',
  ],
  [
    'key over the namespace limit',
    (s) => handle(s, s.keys.readWrite.secret).set('k'.repeat(1025), 1),
    InvalidRequestError,
    'E_INVALID_KEY',
  ],
  [
    'empty key',
    (s) => handle(s, s.keys.readWrite.secret).get(''),
    InvalidRequestError,
    'E_INVALID_KEY',
  ],
  [
    'value over the namespace limit',
    (s) => handle(s, s.keys.readWrite.secret).set('k', 'x'.repeat(1024 * 1024 + 1)),
    InvalidRequestError,
    'E_VALUE_TOO_LARGE',
  ],
  [
    'batch over 1000 keys',
    (s) => handle(s, s.keys.readWrite.secret).getMany(Array.from({ length: 1001 }, String)),
    InvalidRequestError,
    'E_BAD_REQUEST',
  ],
  [
    'value that is not JSON',
    (s) => handle(s, s.keys.readWrite.secret).set('k', 10n),
    InvalidRequestError,
    'E_UNSERIALIZABLE',
  ],
];

describe('direct mode refusals', () => {
  let stack: DirectStack;

  async function tableRows(): Promise<number> {
    const result = await stack.pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM ${stack.table}`,
    );
    return Number(result.rows[0]?.n);
  }

  beforeAll(async () => {
    stack = await startDirectStack('pglite');
    await handle(stack, stack.keys.readWrite.secret).set('k', 'original');
  }, 120_000);
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.close()));
    await stack.stop();
  });

  it.each(cases)(
    '%s is refused with its code, changing nothing',
    async (_name, call, errorClass, code) => {
      const rows = await tableRows();
      const error: unknown = await call(stack).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ code });
      expect(await tableRows()).toBe(rows);
      expect(await handle(stack, stack.keys.readWrite.secret).get('k')).toBe('original');
    },
  );

  it('refuses an illegal namespace name before any call', () => {
    const client = createCachefleetClient({ url: stack.controlPlane.url, apiKey: 'cfk_x' });
    expect(() => client.namespace('Bad Name!', { mode: 'direct' })).toThrow(
      expect.objectContaining({ code: 'E_INVALID_NAMESPACE' }),
    );
  });

  it('says the agents are unavailable when none answers, and the control plane when it is down', async () => {
    const client = createCachefleetClient({ url: 'http://127.0.0.1:9', apiKey: 'cfk_x' });
    clients.push(client);
    const call = client.namespace('users', { mode: 'direct' }).get('k');
    await expect(call).rejects.toBeInstanceOf(UnavailableError);
    await expect(call).rejects.toMatchObject({ code: 'E_UNAVAILABLE' });
  });
});
