// @ts-check
// The console (Next.js production server) on a loopback port.
import path from 'node:path';
import { root } from './paths.mjs';
import { httpOk, start, waitFor } from './processes.mjs';

/** @param {{ port: number, databaseUrl: string, host?: string, env?: NodeJS.ProcessEnv }} options */
export async function startWeb(options) {
  const host = options.host ?? '127.0.0.1';
  const next = path.join(root, 'node_modules/next/dist/bin/next');
  start('web', 'node', [next, 'start', '--port', String(options.port), '--hostname', host], {
    cwd: path.join(root, 'apps/web'),
    env: { DATABASE_URL: options.databaseUrl, ...options.env },
    quiet: true,
    critical: true,
  });
  const url = `http://${host}:${options.port}`;
  await waitFor('the console', () => httpOk(`${url}/api/healthz`), 90_000);
  return url;
}
