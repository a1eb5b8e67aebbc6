import type { ChainableCommander } from 'ioredis';
import { isCluster, type RedisClient } from './redis-client.js';

/**
 * Replies a Redis Cluster node gives for a key it does not serve right now: the slot moved (MOVED),
 * is being migrated and this key already left (ASK), or a multi-key request spans a half-moved slot
 * (TRYAGAIN). ioredis follows them for a command sent on its own, but not inside a pipeline whose
 * other commands got another reply — and with auto-pipelining every command shares a pipeline with
 * whatever else goes to the same node in that tick, so during a slot migration one key's ASK or
 * MOVED reaches the caller as an error.
 */
const redirect = /^(MOVED|ASK|TRYAGAIN) /;

/**
 * ioredis's own refusal to send an auto-pipeline whose slots the slot map, refreshed after the
 * commands were queued (a slot moved), no longer puts on one node. Nothing was sent.
 */
const regrouped = 'All keys in the pipeline should belong to the same slots allocation group';

/** The command did not run, and sent on its own to the slot's owner it will. */
export function isRedirect(error: unknown): boolean {
  return (
    error instanceof Error && (redirect.test(error.message) || error.message.startsWith(regrouped))
  );
}

/**
 * Sends one command in a pipeline of its own: a one-command pipeline always has a single common
 * reply, so ioredis follows MOVED (refreshing its slot map), ASK (ASKING on the importing node) and
 * TRYAGAIN for it. Resolves with the command's reply, rejects with its error.
 */
export async function sendAlone(
  client: RedisClient,
  add: (pipeline: ChainableCommander) => void,
): Promise<unknown> {
  const pipeline = client.pipeline();
  add(pipeline);
  const [error, reply] = ((await pipeline.exec()) ?? [])[0] ?? [new Error('missing reply'), null];
  if (error) throw error;
  return reply;
}

/**
 * The redirect-safe form of one keyed command: the fast call (auto-pipelined when the client is),
 * and, only when a cluster answered it with a redirect, the same command again on its own.
 */
export function followRedirect<T>(
  client: RedisClient,
  fast: Promise<T>,
  add: (pipeline: ChainableCommander) => void,
): Promise<unknown> {
  if (!isCluster(client)) return fast;
  return fast.catch((error: unknown) => {
    if (!isRedirect(error)) throw error;
    return sendAlone(client, add);
  });
}
