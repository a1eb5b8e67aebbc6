// A real control plane for the agent: the api package's appRouter over HTTP (standalone adapter,
// mounted at /api/trpc like the console) on a migrated PGlite database.
import http from 'node:http';
import {
  appRouter,
  createCaller,
  createContext,
  hashPassword,
  issueEnrollmentToken,
} from '@cachefleet/api';
import {
  createDbClient,
  createUser,
  findUserByEmail,
  migrateDatabase,
  type Database,
  type DbClient,
} from '@cachefleet/db';
import { freePort, startTestDatabase, type TestDatabase } from '@cachefleet/testing';
import { createHTTPHandler } from '@trpc/server/adapters/standalone';
import { serveDownload } from './downloads.js';

/** The console's secret key in tests: it seals cluster passwords. */
export const testSecretKey = 'a'.repeat(64);

export interface TestControlPlane {
  url: string;
  db: Database;
  /** A caller signed in as an admin user (created on first use). */
  admin(): Promise<ReturnType<typeof createCaller>>;
  issueToken(): Promise<string>;
  /** Takes the HTTP server down (the database stays), as a console outage would. */
  goAway(): Promise<void>;
  /** Serves again on the same port. */
  comeBack(): Promise<void>;
  stop(): Promise<void>;
}

function bearer(header: string | undefined): string | undefined {
  return header?.startsWith('Bearer ') ? header.slice('Bearer '.length) : undefined;
}

export interface ControlPlaneOptions {
  /** Serve `/downloads/agent/<file>` from this dir (a bundle-agent.mjs --out dir). */
  bundleDir?: string;
  /** Database connections; 1 serialises every query (many agents polling PGlite at once). */
  poolMax?: number;
}

function serve(db: Database, port: number, options: ControlPlaneOptions): Promise<http.Server> {
  const trpc = createHTTPHandler({
    router: appRouter,
    basePath: '/api/trpc/',
    createContext: ({ req }) =>
      createContext({
        db,
        bearerToken: bearer(req.headers.authorization),
        secretKey: testSecretKey,
      }),
  });
  const { bundleDir } = options;
  const server = http.createServer((req, res) => {
    if (!bundleDir) {
      trpc(req, res);
      return;
    }
    serveDownload(db, bundleDir, req, res)
      .then((served) => {
        if (!served) trpc(req, res);
      })
      .catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
  });
  return new Promise((resolve) => {
    server.listen(port, '127.0.0.1', () => {
      resolve(server);
    });
  });
}

function closeServer(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
}

export async function startControlPlane(
  options: ControlPlaneOptions = {},
): Promise<TestControlPlane> {
  const database: TestDatabase = await startTestDatabase('pglite');
  const client: DbClient = createDbClient(database.url, { max: options.poolMax ?? 8 });
  await migrateDatabase(client.db);
  const port = await freePort();
  let server: http.Server | undefined = await serve(client.db, port, options);
  return {
    url: `http://127.0.0.1:${port}`,
    db: client.db,
    async admin() {
      // A signed-in admin user, as the console's own pages call the API.
      const email = 'admin@test';
      const password = 'correct horse battery staple';
      if (!(await findUserByEmail(client.db, email))) {
        const passwordHash = await hashPassword(password);
        await createUser(client.db, { email, name: 'admin', role: 'admin', passwordHash });
      }
      let sessionToken: string | undefined;
      const cookies = {
        setSession: (token: string) => (sessionToken = token),
        clearSession: () => undefined,
      };
      const anonymous = createCaller(
        await createContext({ db: client.db, cookies, secretKey: testSecretKey }),
      );
      await anonymous.auth.login({ email, password });
      return createCaller(
        await createContext({ db: client.db, sessionToken, secretKey: testSecretKey }),
      );
    },
    async issueToken() {
      const ctx = await createContext({ db: client.db, systemActor: 'test' });
      return (await issueEnrollmentToken(ctx, { note: '', ttlMinutes: 60 })).token;
    },
    async goAway() {
      if (server) await closeServer(server);
      server = undefined;
    },
    async comeBack() {
      server = await serve(client.db, port, options);
    },
    async stop() {
      if (server) await closeServer(server);
      await client.close();
      await database.stop();
    },
  };
}
