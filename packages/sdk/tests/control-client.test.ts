import type { AddressInfo } from 'node:net';
import { createHTTPServer } from '@trpc/server/adapters/standalone';
import { TRPCClientError } from '@trpc/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appRouter, createContext } from '@cachefleet/api';
import { createDbClient, migrateDatabase, type DbClient } from '@cachefleet/db';
import { startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createControlClient } from '../src/index.js';

describe('control client against a real control plane', () => {
  let database: TestDatabase;
  let client: DbClient;
  let server: ReturnType<typeof createHTTPServer>;
  let url = '';

  beforeAll(async () => {
    database = await startTestDatabase('pglite');
    client = createDbClient(database.url);
    await migrateDatabase(client.db);
    server = createHTTPServer({
      basePath: '/api/trpc/',
      router: appRouter,
      createContext: ({ req }) =>
        createContext({
          db: client.db,
          bearerToken: req.headers.authorization?.replace(/^Bearer /, ''),
        }),
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  });
  afterAll(async () => {
    await new Promise((resolve) => server.close(resolve));
    await client.close();
    await database.stop();
  });

  it('calls public procedures with typed results', async () => {
    expect(await createControlClient({ url }).health.ping.query()).toEqual({ ok: true });
  });

  it('surfaces UNAUTHORIZED with the server message when the token is wrong', async () => {
    const call = createControlClient({ url, token: 'cfa_wrong' }).nodes.list.query();
    await expect(call).rejects.toBeInstanceOf(TRPCClientError);
    await expect(call).rejects.toMatchObject({ data: { code: 'UNAUTHORIZED' } });
  });
});
