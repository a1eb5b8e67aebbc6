// @ts-check
// The control plane's database: DATABASE_URL when given, else embedded PGlite in the data folder.
import path from 'node:path';
import { createDbClient, migrateDatabase } from '@cachefleet/db';
import { ensureFirstAdmin } from '@cachefleet/api';
import { root } from './paths.mjs';
import { freePort, start, waitFor } from './processes.mjs';

/** @param {{ dataDir: string, databaseUrl?: string | undefined }} options */
export async function startDatabase(options) {
  if (options.databaseUrl) return { url: options.databaseUrl, embedded: false };
  const port = await freePort();
  let url = '';
  start(
    'db',
    'node',
    [
      path.join(root, 'packages/db/dist/cli.js'),
      'serve',
      '--data-dir',
      path.join(options.dataDir, 'pglite'),
      '--port',
      String(port),
    ],
    {
      quiet: true,
      critical: true,
      onLine: (line) => {
        const match = /"url":"([^"]+)"/.exec(line);
        if (match?.[1]) url = match[1];
      },
    },
  );
  await waitFor('the embedded PostgreSQL', async () => url !== '', 60_000);
  return { url, embedded: true };
}

/**
 * Applies migrations and creates the first admin on first start.
 * @param {string} url
 * @param {{ email: string, password?: string | undefined }} admin
 */
export async function prepareDatabase(url, admin) {
  const client = createDbClient(url, { max: 2 });
  try {
    await migrateDatabase(client.db);
    return await ensureFirstAdmin(client.db, admin);
  } finally {
    await client.close();
  }
}
