// Starts a private stack for the journeys: a fresh database (PGlite, or a new database on the
// DATABASE_URL server), migrations, a known admin, and the built console on a free port.
// Prometheus and Alertmanager run too, with short intervals so an alert fires and resolves in seconds.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { startTestDatabase, freePort } from '@cachefleet/db/testing';
import { prepareDatabase } from '../scripts/stack/database.mjs';
import { monitoringEnv, startMonitoring } from '../scripts/stack/monitoring.mjs';
import { stopAll } from '../scripts/stack/processes.mjs';
import { localSecretKey } from '../scripts/stack/secret-key.mjs';
import { startWeb } from '../scripts/stack/web.mjs';
import { copyAgentBundle } from './agent-bundle.js';
import { admin } from './tests/fixtures.js';

const e2eIntervals = {
  scrape: '1s',
  evaluation: '1s',
  discovery: '2s',
  groupWait: '1s',
  groupInterval: '2s',
  repeat: '1h',
};

export default async function globalSetup(): Promise<() => Promise<void>> {
  const database = await startTestDatabase(process.env.DATABASE_URL ? 'server' : 'pglite');
  await prepareDatabase(database.url, admin);
  const bundleDir = await copyAgentBundle();
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'cf-e2e-monitoring-'));
  const ports = { prometheusPort: await freePort(), alertmanagerPort: await freePort() };
  const url = await startWeb({
    port: await freePort(),
    databaseUrl: database.url,
    env: {
      CACHEFLEET_AGENT_BUNDLE_DIR: bundleDir,
      CACHEFLEET_SECRET_KEY: await localSecretKey(dataDir),
      ...monitoringEnv({ dataDir, ...ports }),
    },
  });
  const monitoring = await startMonitoring({
    dataDir,
    consoleUrl: url,
    databaseUrl: database.url,
    ...ports,
    intervals: e2eIntervals,
  });
  process.env.CACHEFLEET_E2E_BUNDLE_DIR = bundleDir;
  process.env.CACHEFLEET_E2E_URL = url;
  process.env.CACHEFLEET_E2E_DATABASE_URL = database.url;
  process.env.CACHEFLEET_E2E_PROMETHEUS_URL = monitoring.prometheusUrl;
  return async () => {
    await stopAll();
    await database.stop();
    await rm(dataDir, { recursive: true, force: true });
  };
}
