// Cleanup for journeys that start real processes: each step gets its own time limit (a hung close
// is logged and skipped, it cannot eat the test timeout), and agents of the journey's cluster that
// are still running afterwards are killed together with their redis-servers.
import { readdir, readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { test as base } from '@playwright/test';
import { bounded } from './namespaces-data.js';

/** How long one cleanup step may take before the next one runs regardless. */
export const cleanupStepMs = 15_000;

/** Runs `step`; false (and a log line) when it failed or had not settled within `ms`. */
export async function settleWithin(what: string, ms: number, step: () => Promise<unknown>) {
  try {
    await bounded(what, step(), ms);
    return true;
  } catch (error) {
    console.log(`cleanup: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

/** Steps run last-added first, each within `cleanupStepMs`. */
export class Cleanup {
  private readonly steps: { what: string; step: () => Promise<unknown> }[] = [];

  add(what: string, step: () => Promise<unknown>): void {
    this.steps.push({ what, step });
  }

  async run(): Promise<void> {
    for (const { what, step } of this.steps.reverse()) {
      await settleWithin(what, cleanupStepMs, step);
    }
    this.steps.length = 0;
  }
}

/**
 * A `cleanup` fixture: its teardown runs after the test body even when the body timed out, when a
 * `finally` inside the body would never run because the body's hung promise never settles.
 */
export const test = base.extend<{ cleanup: Cleanup }>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads the fixture's dependencies here
  cleanup: async ({}, use) => {
    const cleanup = new Cleanup();
    await use(cleanup);
    await cleanup.run();
  },
});

/** fixtures.ts makes every agent's data dir with this prefix in the system temp dir. */
const agentDirPrefix = 'cf-e2e-agent-';

async function readJson(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

/** SIGKILLs `pid` if it is still a process whose command line contains `expected`. */
async function killIfStill(pid: unknown, expected: string): Promise<boolean> {
  if (typeof pid !== 'number') return false;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  if (!cmdline.includes(expected)) return false;
  try {
    process.kill(pid, 'SIGKILL');
    return true;
  } catch {
    return false;
  }
}

/**
 * Kills every agent whose name starts with `namePrefix` and that is still running, and the
 * redis-server it supervised (a killed agent leaves it running for its successor to adopt). An
 * agent that stopped cleanly removed its state file, so only leftovers are touched.
 */
export async function killLeftAgents(namePrefix: string): Promise<string[]> {
  const tmp = os.tmpdir();
  const dirs = (await readdir(tmp)).filter((d) => d.startsWith(agentDirPrefix));
  const killed: string[] = [];
  for (const dir of dirs) {
    const config = await readJson(path.join(tmp, dir, 'agent.json'));
    const name = config?.name;
    if (typeof name !== 'string' || !name.startsWith(namePrefix)) continue;
    const state = await readJson(path.join(tmp, dir, 'agent.state.json'));
    if (state === undefined) continue;
    if (await killIfStill(state.pid, 'cli.js')) killed.push(`agent ${name}`);
    if (await killIfStill(state.redisPid, 'redis-server')) killed.push(`redis-server of ${name}`);
  }
  if (killed.length > 0) console.log(`cleanup: killed ${killed.join(', ')}`);
  return killed;
}
