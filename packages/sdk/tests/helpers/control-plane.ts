// A real control plane for the SDK: the api package's appRouter over HTTP (standalone adapter,
// mounted at /api/trpc like the console) on a migrated database, with a secret key for sealing.
import http from 'node:http';
import { appRouter, createContext } from '@cachefleet/api';
import { createDbClient, migrateDatabase, type Database, type DbClient } from '@cachefleet/db';
import { freePort, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { closeServer } from './http-server.js';

/** A fixed console secret key, so the test can seal what the router opens. */
export const testSecretKey = 'b'.repeat(64);

export interface TestControlPlane {
  url: string;
  db: Database;
  /** The database's own connection string: it doubles as the namespaces' data source. */
  databaseUrl: string;
  stop(): Promise<void>;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

export async function startControlPlane(
  kind: TestDatabase['kind'] = 'pglite',
): Promise<TestControlPlane> {
  const database = await startTestDatabase(kind);
  const client: DbClient = createDbClient(database.url);
  await migrateDatabase(client.db);
  const handler = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ req }) =>
      createContext({
        db: client.db,
        bearerToken: bearer(req.headers.authorization),
        secretKey: testSecretKey,
      }),
  });
  const server = http.createServer((req, res) => {
    handler(req, res);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${port}`,
    db: client.db,
    databaseUrl: database.url,
    async stop() {
      await closeServer(server);
      await client.close();
      await database.stop();
    },
  };
}
