// @ts-check
// Prometheus and Alertmanager from Debian's packages, with configs generated into the data folder.
// Prometheus discovers the agents from the console (HTTP SD with a scrape token) and loads the
// rules file the console renders; Alertmanager posts every alert to the console's webhook.
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createDbClient } from '@cachefleet/db';
import { authorizeMonitoringToken, createContext, issueMonitoringToken } from '@cachefleet/api';
import { httpOk, start, waitFor } from './processes.mjs';

/** Everyday intervals; tests pass shorter ones so an alert fires and resolves in seconds. */
export const defaultIntervals = {
  scrape: '5s',
  evaluation: '5s',
  discovery: '15s',
  groupWait: '10s',
  groupInterval: '1m',
  repeat: '4h',
};

/** @param {string} dataDir */
export function monitoringPaths(dataDir) {
  const dir = path.join(dataDir, 'monitoring');
  return {
    dir,
    rulesFile: path.join(dir, 'rules', 'cachefleet.rules.json'),
    scrapeTokenFile: path.join(dir, 'scrape-token'),
    webhookTokenFile: path.join(dir, 'alert-webhook-token'),
  };
}

/**
 * Keeps a token file valid: reuses the saved token while the console still accepts it, else
 * issues a new one (first start, or a fresh database) and saves it readable by this user only.
 * @param {string} databaseUrl
 * @param {'scrape' | 'alert_webhook'} purpose
 * @param {string} file
 */
async function ensureTokenFile(databaseUrl, purpose, file) {
  const client = createDbClient(databaseUrl, { max: 1 });
  try {
    const saved = existsSync(file) ? (await readFile(file, 'utf8')).trim() : undefined;
    if (saved && (await authorizeMonitoringToken(client.db, purpose, saved))) return;
    const ctx = await createContext({ db: client.db, systemActor: 'launcher' });
    const issued = await issueMonitoringToken(ctx, { purpose, note: 'local monitoring' });
    await writeFile(file, `${issued.token}\n`, { mode: 0o600 });
  } finally {
    await client.close();
  }
}

/**
 * prometheus.yml (as JSON, which is valid YAML: no quoting surprises).
 * @param {{ consoleUrl: string, alertmanager: string, intervals: typeof defaultIntervals, paths: ReturnType<typeof monitoringPaths> }} o
 */
function prometheusConfig(o) {
  return {
    global: { scrape_interval: o.intervals.scrape, evaluation_interval: o.intervals.evaluation },
    rule_files: [o.paths.rulesFile],
    alerting: { alertmanagers: [{ static_configs: [{ targets: [o.alertmanager] }] }] },
    scrape_configs: [
      {
        job_name: 'cachefleet-agent',
        http_sd_configs: [
          {
            url: `${o.consoleUrl}/api/sd/prometheus`,
            refresh_interval: o.intervals.discovery,
            authorization: { type: 'Bearer', credentials_file: o.paths.scrapeTokenFile },
          },
        ],
      },
    ],
  };
}

/** @param {{ consoleUrl: string, intervals: typeof defaultIntervals, paths: ReturnType<typeof monitoringPaths> }} o */
function alertmanagerConfig(o) {
  return {
    route: {
      receiver: 'console',
      group_by: ['alertname', 'cluster'],
      group_wait: o.intervals.groupWait,
      group_interval: o.intervals.groupInterval,
      repeat_interval: o.intervals.repeat,
    },
    receivers: [
      {
        name: 'console',
        webhook_configs: [
          {
            url: `${o.consoleUrl}/api/alerts/webhook`,
            send_resolved: true,
            http_config: {
              authorization: { type: 'Bearer', credentials_file: o.paths.webhookTokenFile },
            },
          },
        ],
      },
    ],
  };
}

/**
 * The environment the console needs to chart from Prometheus, manage silences and deploy rules.
 * @param {{ dataDir: string, prometheusPort: number, alertmanagerPort: number }} options
 */
export function monitoringEnv(options) {
  return {
    PROMETHEUS_URL: `http://127.0.0.1:${options.prometheusPort}`,
    ALERTMANAGER_URL: `http://127.0.0.1:${options.alertmanagerPort}`,
    CACHEFLEET_RULES_FILE: monitoringPaths(options.dataDir).rulesFile,
  };
}

/**
 * @param {{ dataDir: string, consoleUrl: string, databaseUrl: string, prometheusPort: number, alertmanagerPort: number, intervals?: Partial<typeof defaultIntervals> }} options
 */
export async function startMonitoring(options) {
  const paths = monitoringPaths(options.dataDir);
  const intervals = { ...defaultIntervals, ...options.intervals };
  await mkdir(path.join(paths.dir, 'prometheus-data'), { recursive: true });
  await mkdir(path.join(paths.dir, 'alertmanager-data'), { recursive: true });
  await mkdir(path.dirname(paths.rulesFile), { recursive: true });
  await ensureTokenFile(options.databaseUrl, 'scrape', paths.scrapeTokenFile);
  await ensureTokenFile(options.databaseUrl, 'alert_webhook', paths.webhookTokenFile);
  const alertmanager = `127.0.0.1:${options.alertmanagerPort}`;
  const prometheus = `127.0.0.1:${options.prometheusPort}`;
  const common = { consoleUrl: options.consoleUrl, intervals, paths };
  const prometheusYml = path.join(paths.dir, 'prometheus.yml');
  const alertmanagerYml = path.join(paths.dir, 'alertmanager.yml');
  await writeFile(prometheusYml, JSON.stringify(prometheusConfig({ ...common, alertmanager })));
  await writeFile(alertmanagerYml, JSON.stringify(alertmanagerConfig(common)));
  start(
    'alertmanager',
    'prometheus-alertmanager',
    [
      `--config.file=${alertmanagerYml}`,
      `--storage.path=${path.join(paths.dir, 'alertmanager-data')}`,
      `--web.listen-address=${alertmanager}`,
      '--cluster.listen-address=',
    ],
    { quiet: true },
  );
  start(
    'prometheus',
    'prometheus',
    [
      `--config.file=${prometheusYml}`,
      `--storage.tsdb.path=${path.join(paths.dir, 'prometheus-data')}`,
      `--web.listen-address=${prometheus}`,
      '--web.enable-lifecycle',
    ],
    { quiet: true },
  );
  await waitFor('Prometheus', () => httpOk(`http://${prometheus}/-/ready`), 60_000);
  await waitFor('Alertmanager', () => httpOk(`http://${alertmanager}/-/ready`), 60_000);
  return { prometheusUrl: `http://${prometheus}`, alertmanagerUrl: `http://${alertmanager}` };
}
