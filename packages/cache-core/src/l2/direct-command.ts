import { createHash } from 'node:crypto';
import { Command } from 'ioredis';
import type { RedisClient } from './redis-client.js';

/**
 * Commands sent to the socket at once instead of through ioredis auto-pipelining, which holds every
 * command until a setImmediate: after a PostgreSQL reply that wait measured 30-50 µs on a server
 * and about 100 µs with PGlite (whose own work runs first), more than the round trip to Redis. Used
 * where one caller waits on one command (the write-through L2 write, the bus publish); reads stay
 * auto-pipelined, where batching pays. A command sent on its own is redirected by an ioredis
 * Cluster itself (MOVED, ASK, TRYAGAIN), and waits in the offline queue while the client connects.
 */
export function sendNow(
  client: RedisClient,
  name: string,
  args: (string | number)[],
): Promise<unknown> {
  // `args` is the command's own (ioredis prefixes its keys in place).
  const command = new Command(name, args, {
    replyEncoding: 'utf8',
    keyPrefix: client.options.keyPrefix,
  });
  void client.sendCommand(command);
  return command.promise as Promise<unknown>;
}

/** A one-key Lua script sent by its SHA1, with its text for a server that has not cached it. */
export interface DirectScript {
  lua: string;
  sha: string;
}

export function directScript(lua: string): DirectScript {
  return { lua, sha: createHash('sha1').update(lua).digest('hex') };
}

/** EVALSHA now; EVAL (which caches the script) when the server answers NOSCRIPT. */
export function evalNow(
  client: RedisClient,
  script: DirectScript,
  key: string,
  args: readonly (string | number)[],
): Promise<unknown> {
  return sendNow(client, 'evalsha', [script.sha, 1, key, ...args]).catch((error: unknown) => {
    if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
    return sendNow(client, 'eval', [script.lua, 1, key, ...args]);
  });
}
