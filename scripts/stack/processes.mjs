// @ts-check
// Child processes of the local stack: spawned with their output prefixed, waited on, stopped cleanly.
import { spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import path from 'node:path';
import net from 'node:net';

/** @typedef {{ name: string, child: import('node:child_process').ChildProcess }} Managed */

/** @type {Managed[]} */
const managed = [];
let stopping = false;
/** @type {string | undefined} */
let logDir;

/** Quiet processes write their output to `<dir>/<name>.log`. */
export function logTo(/** @type {string} */ dir) {
  mkdirSync(dir, { recursive: true });
  logDir = dir;
}
/** @type {(name: string, code: number | null) => void} */
let onCriticalExit = () => undefined;

/** Called when a process started with `critical: true` exits before stopAll(). */
export function whenCriticalExits(/** @type {typeof onCriticalExit} */ handler) {
  onCriticalExit = handler;
}

/**
 * @param {string} name
 * @param {string} command
 * @param {string[]} args
 * @param {{ env?: NodeJS.ProcessEnv, cwd?: string, quiet?: boolean, onLine?: (line: string) => void, critical?: boolean }} [options]
 */
export function start(name, command, args, options = {}) {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: { ...process.env, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = logDir
    ? createWriteStream(path.join(logDir, `${name}.log`), { flags: 'a' })
    : undefined;
  /** @param {Buffer} chunk */
  const relay = (chunk) => {
    for (const line of chunk.toString().split('\n').filter(Boolean)) {
      options.onLine?.(line);
      log?.write(`${line}\n`);
      if (!options.quiet) process.stdout.write(`[${name}] ${line}\n`);
    }
  };
  child.stdout?.on('data', relay);
  child.stderr?.on('data', relay);
  child.on('exit', (code) => {
    if (options.critical && !stopping) onCriticalExit(name, code);
  });
  managed.push({ name, child });
  return child;
}

/** Runs a command to completion; rejects with its output when it fails. */
export function run(/** @type {string} */ command, /** @type {string[]} */ args, env = {}) {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c) => (output += c));
    child.stderr.on('data', (c) => (output += c));
    child.on('exit', (code) =>
      code === 0
        ? resolve(output)
        : reject(new Error(output.trim() || `${command} exited ${code}`)),
    );
  });
}

/** Polls `check` until it resolves truthy, failing after `timeoutMs` with `what` in the message. */
export async function waitFor(
  /** @type {string} */ what,
  /** @type {() => Promise<boolean>} */ check,
  timeoutMs = 60_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out after ${timeoutMs / 1000}s waiting for ${what}`);
}

export async function httpOk(/** @type {string} */ url) {
  const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
  return response.ok;
}

/** True when nothing listens on host:port. */
export function portFree(/** @type {number} */ port, host = '127.0.0.1') {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

/** A free loopback port chosen by the kernel. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** SIGTERM every child (newest first), SIGKILL any still alive after `graceMs`. */
export async function stopAll(graceMs = 10_000) {
  stopping = true;
  const alive = managed
    .splice(0)
    .reverse()
    .filter(({ child }) => child.exitCode === null && child.signalCode === null);
  await Promise.all(
    alive.map(
      ({ child }) =>
        new Promise((resolve) => {
          const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
          child.once('exit', () => {
            clearTimeout(timer);
            resolve(undefined);
          });
          child.kill('SIGTERM');
        }),
    ),
  );
}
