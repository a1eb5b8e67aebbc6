// Starts a private stack for the journeys: a fresh database (PGlite, or a new database on the
// DATABASE_URL server), migrations, a known admin, and the built console on a free port.
import { startTestDatabase, freePort } from '@cachefleet/db/testing';
import { prepareDatabase } from '../scripts/stack/database.mjs';
import { stopAll } from '../scripts/stack/processes.mjs';
import { startWeb } from '../scripts/stack/web.mjs';
import { copyAgentBundle } from './agent-bundle.js';
import { admin } from './tests/fixtures.js';

export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await startTestDatabase(process.env.DATABASE_URL ? 'server' : 'pglite');
  await prepareDatabase(database.url, admin);
  const bundleDir = await copyAgentBundle();
  const url = await startWeb({
    port: await freePort(),
    databaseUrl: database.url,
    env: { CACHEFLEET_AGENT_BUNDLE_DIR: bundleDir },
  });
  process.env.CACHEFLEET_E2E_BUNDLE_DIR = bundleDir;
  process.env.CACHEFLEET_E2E_URL = url;
  process.env.CACHEFLEET_E2E_DATABASE_URL = database.url;
  return async () => {
    await stopAll();
    await database.stop();
  };
}
