// Stopping an agent a journey started, within a bound: SIGTERM lets it stop its redis-server
// itself (its own shutdown steps are bounded, about half a minute at worst); one still running
// after the grace is SIGKILLed, and so is every redis-server it supervised, because a killed agent
// leaves its redis-server running for a successor to adopt.
import type { ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';

/** How long a SIGTERMed agent may take to stop cleanly before it is killed. */
export const agentStopGraceMs = 10_000;
/** How long a SIGKILLed process may take to disappear. */
const killWaitMs = 5_000;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** True once the child exited, false when it had not within `ms`. */
function exitWithin(child: ChildProcess, ms: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((resolve) => {
    const onExit = () => {
      clearTimeout(timer);
      resolve(true);
    };
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      resolve(false);
    }, ms);
    child.once('exit', onExit);
  });
}

/** `pid`'s parent and whether it is a zombie (an orphan nobody reaps stays one), from /proc. */
async function procStat(pid: number): Promise<{ ppid: number; zombie: boolean } | undefined> {
  const stat = await readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (stat === undefined) return undefined;
  // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
  const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return { ppid: Number(ppid), zombie: state === 'Z' };
}

/** A redis-server to kill: its pid and a test of its command line, so a reused pid is spared. */
type RedisOf = Map<number, (cmdline: string) => boolean>;

/** `pid`'s command line while it is a live (not zombie) redis-server; undefined otherwise. */
async function liveRedisCmdline(pid: number): Promise<string | undefined> {
  const stat = await procStat(pid);
  if (!stat || stat.zombie) return undefined;
  const cmdline = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '');
  return cmdline.includes('redis-server') ? cmdline : undefined;
}

/** Adds the redis-servers `parent` runs as its children right now. */
async function noteRedisChildren(parent: number, redis: RedisOf): Promise<void> {
  const pids = (await readdir('/proc')).filter((d) => /^\d+$/.test(d)).map(Number);
  for (const pid of pids) {
    if ((await procStat(pid))?.ppid !== parent) continue;
    const seen = await liveRedisCmdline(pid);
    if (seen !== undefined) redis.set(pid, (cmdline) => cmdline === seen);
  }
}

/** Adds the redis-server the agent recorded; its state file is gone after a clean stop. */
async function noteRecordedRedis(dir: string, redis: RedisOf): Promise<void> {
  try {
    const text = await readFile(path.join(dir, 'agent.state.json'), 'utf8');
    const { redisPid, redisPort } = JSON.parse(text) as { redisPid?: unknown; redisPort?: unknown };
    if (typeof redisPid !== 'number' || typeof redisPort !== 'number') return;
    const listening = new RegExp(`:${String(redisPort)}\\b`);
    if (!redis.has(redisPid)) redis.set(redisPid, (cmdline) => listening.test(cmdline));
  } catch {
    // No state file (a clean stop removed it) or one being rewritten: nothing recorded to kill.
  }
}

async function stillThere(redis: RedisOf): Promise<number[]> {
  const live: number[] = [];
  for (const [pid, matches] of redis) {
    const cmdline = await liveRedisCmdline(pid);
    if (cmdline !== undefined && matches(cmdline)) live.push(pid);
  }
  return live;
}

/** SIGKILLs those still running and waits (bounded) until they are gone; returns any left. */
async function killRedis(redis: RedisOf): Promise<number[]> {
  let left = await stillThere(redis);
  for (const pid of left) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // Gone in the meantime.
    }
  }
  const deadline = Date.now() + killWaitMs;
  while (left.length > 0 && Date.now() < deadline) {
    await sleep(100);
    left = (await stillThere(redis)).filter((pid) => left.includes(pid));
  }
  return left;
}

/**
 * Stops the agent `run` (its data dir `dir`): SIGTERM, SIGKILL after `agentStopGraceMs`, then
 * SIGKILL for any redis-server of it still running. Takes at most about grace + 2 × killWaitMs;
 * what is still running then is logged, not waited for.
 */
export async function stopAgentProcess(run: ChildProcess, dir: string): Promise<void> {
  const redis: RedisOf = new Map();
  if (!hasExited(run) && run.pid !== undefined) {
    await noteRedisChildren(run.pid, redis);
    run.kill('SIGTERM');
    if (!(await exitWithin(run, agentStopGraceMs))) {
      await noteRedisChildren(run.pid, redis);
      run.kill('SIGKILL');
      if (!(await exitWithin(run, killWaitMs))) console.log(`agent ${run.pid} survived SIGKILL`);
    }
  }
  await noteRecordedRedis(dir, redis);
  const left = await killRedis(redis);
  if (left.length > 0) console.log(`redis-server ${left.join(', ')} of ${dir} survived SIGKILL`);
}
