// @ts-check
// npm start: the whole product on this machine — database (embedded PGlite unless DATABASE_URL is
// set), the console, a local fleet of agents, Prometheus and Alertmanager. Ctrl-C stops everything.
import path from 'node:path';
import { parseArgs } from 'node:util';
import { prepareDatabase, startDatabase } from './stack/database.mjs';
import { ensureLocalCluster } from './stack/cluster.mjs';
import { startFleet } from './stack/fleet.mjs';
import { monitoringEnv, startMonitoring } from './stack/monitoring.mjs';
import { root } from './stack/paths.mjs';
import { freePort, logTo, portFree, stopAll, whenCriticalExits } from './stack/processes.mjs';
import { localSecretKey } from './stack/secret-key.mjs';
import { startWeb } from './stack/web.mjs';

const usage = `usage: npm start -- [--nodes N] [--replicas R] [--port P] [--data-dir DIR]
  --replicas R   replicas per primary of the local 3-primary cluster (default 0)
  --nodes N      local agents to run (default 3 × (1 + R))
  --port P       console port (default 3000, or CACHEFLEET_PORT)
  --data-dir DIR where data lives (default .data, or CACHEFLEET_DATA_DIR)`;

function options() {
  const { values } = parseArgs({
    options: {
      nodes: { type: 'string' },
      replicas: { type: 'string', default: '0' },
      port: { type: 'string', default: process.env.CACHEFLEET_PORT ?? '3000' },
      'data-dir': { type: 'string', default: process.env.CACHEFLEET_DATA_DIR ?? '.data' },
      help: { type: 'boolean', default: false },
    },
  });
  const replicas = Number(values.replicas);
  const nodes = Number(values.nodes ?? 3 * (1 + replicas));
  const port = Number(values.port);
  if (
    values.help ||
    !Number.isInteger(replicas) ||
    replicas < 0 ||
    replicas > 5 ||
    !Number.isInteger(nodes) ||
    nodes < 0 ||
    nodes > 32 ||
    !Number.isInteger(port)
  ) {
    console.error(usage);
    process.exit(values.help ? 0 : 2);
  }
  return { nodes, replicas, port, dataDir: path.resolve(root, values['data-dir']) };
}

/** Runs one startup step, printing what it does and how long it took. */
async function step(/** @type {string} */ what, /** @type {() => Promise<any>} */ action) {
  const started = Date.now();
  process.stdout.write(`cachefleet: ${what} … `);
  const result = await action();
  console.log(`ok (${((Date.now() - started) / 1000).toFixed(1)}s)`);
  return result;
}

async function preferredPort(/** @type {number} */ port) {
  return (await portFree(port)) ? port : /** @type {number} */ (await freePort());
}

async function main() {
  const opts = options();
  if (!(await portFree(opts.port))) {
    throw new Error(`port ${opts.port} is in use (is cachefleet already running?); pass --port`);
  }
  logTo(path.join(opts.dataDir, 'logs'));
  const env = process.env;
  const db = await step(
    env.DATABASE_URL ? 'connecting to DATABASE_URL' : 'starting embedded PostgreSQL',
    () => startDatabase({ dataDir: opts.dataDir, databaseUrl: env.DATABASE_URL }),
  );
  const adminEmail = env.CACHEFLEET_ADMIN_EMAIL ?? 'admin@cachefleet.local';
  const admin = await step('applying migrations', () =>
    prepareDatabase(db.url, { email: adminEmail, password: env.CACHEFLEET_ADMIN_PASSWORD }),
  );
  const ports = {
    prometheusPort: await preferredPort(9090),
    alertmanagerPort: await preferredPort(9093),
  };
  const secretKey = await localSecretKey(opts.dataDir);
  const consoleUrl = await step(`starting the console on port ${opts.port}`, async () =>
    startWeb({
      port: opts.port,
      databaseUrl: db.url,
      env: {
        ...monitoringEnv({ dataDir: opts.dataDir, ...ports }),
        CACHEFLEET_SECRET_KEY: secretKey,
      },
    }),
  );
  const targets = await step(`starting ${opts.nodes} local agents`, () =>
    startFleet({ count: opts.nodes, dataDir: opts.dataDir, consoleUrl, databaseUrl: db.url }),
  );
  const cluster = await step('ensuring a local cluster', () =>
    ensureLocalCluster({
      databaseUrl: db.url,
      secretKey,
      replicas: opts.replicas,
      agentNames: targets.map((t) => t.name),
    }),
  );
  const monitoring = await step('starting Prometheus and Alertmanager', async () =>
    startMonitoring({ dataDir: opts.dataDir, consoleUrl, databaseUrl: db.url, ...ports }),
  );
  const password =
    admin.password ?? '(shown at first start; npm run admin:reset-password sets a new one)';
  console.log(`
cachefleet is running
  console       ${consoleUrl}
  sign in       ${admin.email} / ${password}${admin.password ? '   <- shown once, note it down' : ''}
  logs          ${path.relative(root, opts.dataDir)}/logs/
  database      ${db.embedded ? `embedded PGlite in ${path.relative(root, opts.dataDir)}/pglite` : 'DATABASE_URL'}
  cluster       ${cluster}
  nodes         ${targets.map((t) => `${t.name} (metrics ${t.address})`).join(', ') || 'none'}
  prometheus    ${monitoring.prometheusUrl}
  alertmanager  ${monitoring.alertmanagerUrl}
Press Ctrl-C to stop everything.`);
}

let stopping = false;
async function shutdown(/** @type {number} */ code) {
  if (stopping) return;
  stopping = true;
  console.log('\ncachefleet: stopping …');
  await stopAll();
  console.log('cachefleet: stopped');
  process.exit(code);
}
whenCriticalExits((name, code) => {
  console.error(`\ncachefleet: ${name} exited unexpectedly (code ${code}); stopping the rest`);
  void shutdown(1);
});
process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (error) => {
  console.error(`\ncachefleet: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown(1);
});
