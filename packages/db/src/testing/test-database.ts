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

/**
 * Drops a test database. Pools that are closing may still hold a connection for a moment; a forced
 * drop would kill it mid-close and surface as an unhandled client error, so wait for them first and
 * force only as a last resort.
 */
async function dropDatabase(baseUrl: string, name: string): Promise<void> {
  const client = new pg.Client({ connectionString: baseUrl });
  await client.connect();
  try {
    for (let attempt = 0; attempt < 20; attempt++) {
      const { rows } = await client.query<{ n: string }>(
        'SELECT count(*) AS n FROM pg_stat_activity WHERE datname = $1',
        [name],
      );
      if (rows[0]?.n === '0') break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } finally {
    await client.end();
  }
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
      await dropDatabase(baseUrl, name);
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
