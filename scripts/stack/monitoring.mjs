// @ts-check
// Prometheus and Alertmanager from Debian's packages, with configs generated into the data folder.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { httpOk, start, waitFor } from './processes.mjs';

/**
 * @param {string} dir
 * @param {{ name: string, address: string }[]} targets
 */
async function writePrometheusConfig(dir, targets) {
  const sd = targets.map((t) => ({
    targets: [t.address],
    labels: { node: t.name, job: 'cachefleet-agent' },
  }));
  await writeFile(path.join(dir, 'targets.json'), JSON.stringify(sd, null, 2));
  const config = [
    'global:',
    '  scrape_interval: 5s',
    '  evaluation_interval: 5s',
    'scrape_configs:',
    '  - job_name: cachefleet-agent',
    '    file_sd_configs:',
    `      - files: ['${path.join(dir, 'targets.json')}']`,
    '',
  ].join('\n');
  await writeFile(path.join(dir, 'prometheus.yml'), config);
}

async function writeAlertmanagerConfig(/** @type {string} */ dir) {
  const config = ['route:', '  receiver: console', 'receivers:', '  - name: console', ''].join(
    '\n',
  );
  await writeFile(path.join(dir, 'alertmanager.yml'), config);
}

/**
 * @param {{ dataDir: string, targets: { name: string, address: string }[], prometheusPort: number, alertmanagerPort: number }} options
 */
export async function startMonitoring(options) {
  const dir = path.join(options.dataDir, 'monitoring');
  await mkdir(path.join(dir, 'prometheus-data'), { recursive: true });
  await mkdir(path.join(dir, 'alertmanager-data'), { recursive: true });
  await writePrometheusConfig(dir, options.targets);
  await writeAlertmanagerConfig(dir);
  const alertmanager = `127.0.0.1:${options.alertmanagerPort}`;
  start(
    'alertmanager',
    'prometheus-alertmanager',
    [
      `--config.file=${path.join(dir, 'alertmanager.yml')}`,
      `--storage.path=${path.join(dir, 'alertmanager-data')}`,
      `--web.listen-address=${alertmanager}`,
      '--cluster.listen-address=',
    ],
    { quiet: true },
  );
  const prometheus = `127.0.0.1:${options.prometheusPort}`;
  start(
    'prometheus',
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'prometheus-data')}`,
      `--web.listen-address=${prometheus}`,
      '--web.enable-lifecycle',
    ],
    { quiet: true },
  );
  await waitFor('Prometheus', () => httpOk(`http://${prometheus}/-/ready`), 60_000);
  await waitFor('Alertmanager', () => httpOk(`http://${alertmanager}/-/ready`), 60_000);
  return { prometheusUrl: `http://${prometheus}`, alertmanagerUrl: `http://${alertmanager}` };
}
