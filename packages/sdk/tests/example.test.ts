// The example service, compiled and run as its README says, against the direct-mode test stack.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '@cachefleet/testing';
import { startDirectStack, type DirectStack } from './helpers/stack.js';

const run = promisify(execFile);
const packageDir = path.resolve(import.meta.dirname, '..');

async function waitForLine(child: ChildProcess, text: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    let output = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes(text)) resolve();
    });
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('exit', (code) => {
      reject(new Error(`example exited with ${String(code)}: ${output}`));
    });
  });
}

describe('the example service', () => {
  let stack: DirectStack;
  let child: ChildProcess;
  let url = '';

  beforeAll(async () => {
    stack = await startDirectStack('pglite');
    await run('npx', ['tsc', '-p', 'examples'], { cwd: packageDir });
    const port = await freePort();
    child = spawn('node', ['examples/dist/profile-service.js'], {
      cwd: packageDir,
      env: {
        ...process.env,
        CACHEFLEET_URL: stack.controlPlane.url,
        CACHEFLEET_API_KEY: stack.keys.readWrite.secret,
        CACHEFLEET_NAMESPACE: stack.namespace,
        PORT: String(port),
      },
    });
    await waitForLine(child, 'profile service on');
    url = `http://127.0.0.1:${port}/profiles`;
  }, 180_000);
  afterAll(async () => {
    child.kill('SIGINT');
    await stack.stop();
  });

  it('stores, serves and deletes a profile through the SDK in direct mode', async () => {
    const profile = { name: 'Ada', email: 'ada@example.com', plan: 'pro' };
    const put = await fetch(`${url}/ada`, { method: 'PUT', body: JSON.stringify(profile) });
    expect([put.status, await put.text()]).toEqual([200, JSON.stringify(profile)]);
    expect(await stack.row('ada')).toEqual(profile);
    expect(await (await fetch(`${url}/ada`)).json()).toEqual(profile);
    const bad = await fetch(`${url}/bob`, { method: 'PUT', body: '{"name":1}' });
    expect(bad.status).toBe(400);
    expect((await fetch(`${url}/${'k'.repeat(1100)}`)).status).toBe(400);
    expect((await fetch(`${url}/ada`, { method: 'DELETE' })).status).toBe(200);
    expect((await fetch(`${url}/ada`)).status).toBe(404);
    expect(await stack.row('ada')).toBeUndefined();
  });
});
