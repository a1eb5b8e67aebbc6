// Runs the built CLI as a real process, the way an operator or systemd would.
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { waitFor } from './wait.js';

export const cliPath = path.resolve(
  path.dirname(fileURLToPath(import.meta.url)),
  '../../dist/cli.js',
);

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

/** Env for the CLI: no inherited agent config or token, so tests only see what they pass. */
function cliEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const { CACHEFLEET_AGENT_CONFIG: _c, CACHEFLEET_ENROLLMENT_TOKEN: _t, ...env } = process.env;
  return { ...env, ...extra };
}

export function runCli(args: string[], env: Record<string, string> = {}): Promise<CliResult> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [cliPath, ...args],
      { env: cliEnv(env) },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : 1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

export interface LogLine {
  level: string;
  msg: string;
  [field: string]: unknown;
}

export interface AgentProcess {
  child: ChildProcess;
  logs: LogLine[];
  /** Resolves with the exit code once the process has exited. */
  exited: Promise<number | null>;
  waitForLog(msg: string, timeoutMs?: number): Promise<LogLine>;
}

export function startAgentProcess(
  configPath: string,
  env: Record<string, string> = {},
): AgentProcess {
  const child = spawn(process.execPath, [cliPath, 'run', '--config', configPath], {
    env: cliEnv(env),
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const logs: LogLine[] = [];
  createInterface({ input: child.stdout }).on('line', (text) => {
    logs.push(JSON.parse(text) as LogLine);
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      resolve(code);
    });
  });
  return {
    child,
    logs,
    exited,
    waitForLog: (msg, timeoutMs) =>
      waitFor(`log "${msg}"`, () => logs.find((line) => line.msg === msg), timeoutMs),
  };
}

export async function tempDir(): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-agent-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
