import type { Cluster, Redis, Result } from 'ioredis';
import {
  bumpScript,
  commitScript,
  discardScript,
  raiseScript,
  releaseScript,
  settleScript,
  writeScript,
} from './scripts.js';

/** cache-core accepts either client; everything it sends works on both. */
export type RedisClient = Redis | Cluster;

declare module 'ioredis' {
  interface RedisCommander<Context> {
    cfWrite(key: string, ...args: (string | number)[]): Result<number, Context>;
    cfCommit(key: string, ...args: (string | number)[]): Result<number, Context>;
    cfSettle(key: string, ...args: (string | number)[]): Result<number, Context>;
    cfRelease(key: string, token: string): Result<number, Context>;
    cfRaise(key: string, value: number, ttlMs: number): Result<number, Context>;
    cfBump(key: string, floor: number): Result<number, Context>;
    cfDiscard(key: string, pendingId: string): Result<number, Context>;
  }
}

const defined = new WeakSet<RedisClient>();

/**
 * Registers the Lua scripts on the client (EVALSHA with automatic EVAL fallback, also inside
 * pipelines). Idempotent per client.
 */
export function defineScripts(client: RedisClient): void {
  if (defined.has(client)) return;
  client.defineCommand('cfWrite', { numberOfKeys: 1, lua: writeScript });
  client.defineCommand('cfCommit', { numberOfKeys: 1, lua: commitScript });
  client.defineCommand('cfSettle', { numberOfKeys: 1, lua: settleScript });
  client.defineCommand('cfRelease', { numberOfKeys: 1, lua: releaseScript });
  client.defineCommand('cfRaise', { numberOfKeys: 1, lua: raiseScript });
  client.defineCommand('cfBump', { numberOfKeys: 1, lua: bumpScript });
  client.defineCommand('cfDiscard', { numberOfKeys: 1, lua: discardScript });
  defined.add(client);
}

export function isCluster(client: RedisClient): client is Cluster {
  return client.isCluster;
}
