import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { startEmbeddedPostgres } from '../embedded/index.js';
import { freePort } from './free-port.js';

export interface TestDatabase {
  /** A pg connection string for a database no other test uses. */
  url: string;
  /** 'pglite' (embedded, via pglite-socket) or 'server' (DATABASE_URL). */
  kind: 'pglite' | 'server';
  stop(): Promise<void>;
}

/** Which backends the suite runs against: PGlite always, the server too when DATABASE_URL is set. */
export function databaseKinds(): TestDatabase['kind'][] {
  return process.env.DATABASE_URL ? ['pglite', 'server'] : ['pglite'];
}

async function createServerDatabase(baseUrl: string): Promise<TestDatabase> {
  const name = `cf_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    kind: 'server',
    async stop() {
      const client = new pg.Client({ connectionString: baseUrl });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

/** A fresh, empty database of the given kind; stop() removes it. */
export async function startTestDatabase(kind: TestDatabase['kind']): Promise<TestDatabase> {
  if (kind === 'server') {
    const base = process.env.DATABASE_URL;
    if (!base) throw new Error('DATABASE_URL is not set');
    return createServerDatabase(base);
  }
  const server = await startEmbeddedPostgres({ port: await freePort(), dataDir: 'memory://' });
  return { url: server.url, kind: 'pglite', stop: () => server.close() };
}
