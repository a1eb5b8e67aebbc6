// Test helpers: a real Prometheus process on a free port, and a tiny /metrics server to scrape.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '@cachefleet/testing';

export interface TestPrometheus {
  url: string;
  dir: string;
  rulesFile: string;
  stop(): Promise<void>;
}

async function waitReady(url: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${url}/-/ready`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`Prometheus at ${url} did not become ready`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** Starts Prometheus scraping `targets` every second, loading `rulesFile` (may not exist yet). */
export async function startPrometheus(
  targets: { address: string; node: string }[],
): Promise<TestPrometheus> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-prometheus-'));
  const rulesFile = path.join(dir, 'rules.json');
  const config = {
    global: { scrape_interval: '1s', evaluation_interval: '1s' },
    rule_files: [rulesFile],
    scrape_configs: [
      {
        job_name: 'cachefleet-agent',
        static_configs: targets.map((t) => ({ targets: [t.address], labels: { node: t.node } })),
      },
    ],
  };
  await writeFile(path.join(dir, 'prometheus.yml'), JSON.stringify(config));
  const port = await freePort();
  const child = spawn(
    'prometheus',
    [
      `--config.file=${path.join(dir, 'prometheus.yml')}`,
      `--storage.tsdb.path=${path.join(dir, 'data')}`,
      `--web.listen-address=127.0.0.1:${port}`,
      '--web.enable-lifecycle',
    ],
    { stdio: 'ignore' },
  );
  const url = `http://127.0.0.1:${port}`;
  await waitReady(url, 30_000);
  return {
    url,
    dir,
    rulesFile,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      if (child.exitCode === null) child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Serves Prometheus text built by `body()` at /metrics; returns its address and a stop. */
export async function serveMetrics(body: () => string) {
  const server: Server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end(body());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('no address');
  return {
    address: `127.0.0.1:${address.port}`,
    stop: () =>
      new Promise<void>((resolve) =>
        server.close(() => {
          resolve();
        }),
      ),
  };
}
