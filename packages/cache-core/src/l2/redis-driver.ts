import type { ChainableCommander } from 'ioredis';
import type { L2Record } from '../record.js';
import { keySlot } from '../slot.js';
import type {
  AffectedSlots,
  CommitOutcome,
  L2Driver,
  ReadHandlers,
  ShardMessage,
  WriteMode,
} from './driver.js';
import { directScript, evalNow } from './direct-command.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { followRedirect, isRedirect, sendAlone } from './redirect.js';
import { defineScripts, isCluster, type RedisClient } from './redis-client.js';
import { commitScript } from './scripts.js';
import { watchTopology } from './topology-watch.js';

const directCommit = directScript(commitScript);

export interface RedisDriverOptions {
  client: RedisClient;
  /**
   * Makes writes wait for replicas (`WAIT n ms` on the connection that wrote). Redis replicates
   * asynchronously, so without it a failover can lose an acknowledged L2 write; a write that fewer
   * replicas confirmed is reported as failed, and the cache retries it.
   */
  replicatedWrites?: { replicas: number; timeoutMs: number };
}

/** L2 on Redis or Redis Cluster through one ioredis client (auto-pipelining recommended). */
export class RedisDriver implements L2Driver {
  readonly client: RedisClient;
  private readonly replicated: RedisDriverOptions['replicatedWrites'];
  private readonly plainRead: (key: string) => Promise<L2Record | undefined>;

  constructor(options: RedisDriverOptions) {
    this.client = options.client;
    this.replicated = options.replicatedWrites;
    defineScripts(this.client);
    this.plainRead = this.reader<L2Record | undefined>({
      onRecord: (record) => record,
      onError: (error) => Promise.reject(error instanceof Error ? error : new Error(String(error))),
    });
  }

  read(key: string): Promise<L2Record | undefined> {
    return this.plainRead(key);
  }

  // A single Redis sends no redirects, so its reads attach no handler for them (the error passes
  // through to onError unchanged); a cluster's redirected read is sent again on its own.
  reader<R>({ onRecord, onError }: ReadHandlers<R>): (key: string) => Promise<R> {
    const decoded = (text: unknown): R | PromiseLike<R> => {
      let record: L2Record | undefined;
      try {
        record = decodeRecord(asText(text));
      } catch (error) {
        return onError(error);
      }
      return onRecord(record);
    };
    const client = this.client;
    if (!isCluster(client)) return (key) => client.get(key).then(decoded, onError);
    return (key) =>
      client
        .get(key)
        .then(decoded, (error: unknown) =>
          this.alone(error, (p) => p.get(key)).then(decoded, onError),
        );
  }

  /** After a cluster redirect reached us (see redirect.ts): the command again, on its own. */
  private async alone(
    error: unknown,
    add: (pipeline: ChainableCommander) => void,
  ): Promise<unknown> {
    if (!isCluster(this.client) || !isRedirect(error)) throw error;
    return await sendAlone(this.client, add);
  }

  async readMany(keys: readonly string[]): Promise<(L2Record | undefined)[]> {
    const replies = await this.bySlot(keys, (pipeline, key) => pipeline.get(key));
    return replies.map((reply) => decodeRecord(asText(reply)));
  }

  /**
   * Sends one command per key, in one pipeline per cluster slot (a cluster pipeline must stay on one
   * node, and a slot always does), all pipelines at once. Replies come back in the order of `keys`.
   * A key of a slot being migrated may be answered ASK while its neighbours are not, which ioredis
   * does not follow in a pipeline: such a key's command is sent again on its own.
   */
  private async bySlot(
    keys: readonly string[],
    add: (pipeline: ChainableCommander, key: string) => void,
  ): Promise<unknown[]> {
    const groups = new Map<number, number[]>();
    keys.forEach((key, index) => {
      const slot = keySlot(key);
      const group = groups.get(slot);
      if (group === undefined) groups.set(slot, [index]);
      else group.push(index);
    });
    const results = new Array<unknown>(keys.length);
    await Promise.all(
      [...groups.values()].map(async (indexes) => {
        const pipeline = this.client.pipeline();
        for (const index of indexes) add(pipeline, keys[index] ?? '');
        const replies = (await pipeline.exec()) ?? [];
        await Promise.all(
          indexes.map(async (keyIndex, i) => {
            const [error, reply] = replies[i] ?? [new Error('missing pipeline reply'), null];
            const key = keys[keyIndex] ?? '';
            const again = (p: ChainableCommander): void => {
              add(p, key);
            };
            results[keyIndex] = error ? await this.alone(error, again) : reply;
          }),
        );
      }),
    );
    return results;
  }

  async write(key: string, record: L2Record, ttlMs: number, mode: WriteMode): Promise<boolean> {
    const encoded = encodeRecord(record);
    const ttl = ttlArg(ttlMs);
    const add = (p: ChainableCommander): ChainableCommander =>
      mode === 'commit' ? p.cfCommit(key, encoded, ttl) : p.cfWrite(key, encoded, ttl, mode);
    if (this.replicated === undefined) {
      const fast =
        mode === 'commit'
          ? this.client.cfCommit(key, encoded, ttl)
          : this.client.cfWrite(key, encoded, ttl, mode);
      return (await followRedirect(this.client, fast, add)) === 1;
    }
    const { replicas, timeoutMs } = this.replicated;
    const replies = (await add(this.client.pipeline()).wait(replicas, timeoutMs).exec()) ?? [];
    const [writeError, written] = replies[0] ?? [new Error('missing reply'), 0];
    const [waitError, acked] = replies[1] ?? [new Error('missing reply'), 0];
    if (writeError) throw this.redirected(writeError);
    if (waitError) throw waitError;
    if (written === 1 && Number(acked) < replicas) {
      throw new Error(`write reached ${String(acked)} of ${replicas} replicas`);
    }
    return written === 1;
  }

  /**
   * On a single Redis the commit script publishes too (one round trip, publish strictly after the
   * write). Not in a cluster, where the channel's slot is not the key's, nor with replicated
   * writes, whose publish must wait for WAIT's verdict: there the caller publishes afterwards.
   * The caller waits on this one command, so it goes to the socket now (see direct-command.ts).
   */
  commitAndPublish(
    key: string,
    record: L2Record,
    ttlMs: number,
    message: () => ShardMessage,
  ): Promise<CommitOutcome> {
    if (this.replicated !== undefined) {
      return this.write(key, record, ttlMs, 'commit').then((written) => ({
        written,
        published: false,
      }));
    }
    const args = [encodeRecord(record), ttlArg(ttlMs)];
    const published = !isCluster(this.client);
    if (published) {
      const { channel, message: text } = message();
      args.push(channel, text);
    }
    // Not async (one promise hop less): the command is on the wire when this returns.
    return evalNow(this.client, directCommit, key, args).then((reply) => ({
      written: reply === 1,
      published,
    }));
  }

  /**
   * A cluster pipeline that mixes a keyed command with WAIT is not redirected by ioredis, and does
   * not refresh its slot map: do it here, so the retry goes to the slot's new owner.
   */
  private redirected(error: Error): Error {
    const client = this.client;
    if (isCluster(client) && /^(MOVED|ASK) /.test(error.message)) client.refreshSlotsCache();
    return error;
  }

  async settle(key: string, pendingId: string, version: number, ttlMs: number): Promise<void> {
    const args = [pendingId, version, ttlArg(ttlMs)];
    const fast = this.client.cfSettle(key, ...args);
    await followRedirect(this.client, fast, (p) => p.cfSettle(key, ...args));
  }

  async discardPending(key: string, pendingId: string): Promise<void> {
    const fast = this.client.cfDiscard(key, pendingId);
    await followRedirect(this.client, fast, (p) => p.cfDiscard(key, pendingId));
  }

  async remove(key: string): Promise<void> {
    await followRedirect(this.client, this.client.del(key), (p) => p.del(key));
  }

  async acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    const px = Math.max(1, Math.ceil(ttlMs));
    const fast = this.client.set(key, token, 'PX', px, 'NX');
    return (
      (await followRedirect(this.client, fast, (p) => p.set(key, token, 'PX', px, 'NX'))) === 'OK'
    );
  }

  async releaseLease(key: string, token: string): Promise<void> {
    const fast = this.client.cfRelease(key, token);
    await followRedirect(this.client, fast, (p) => p.cfRelease(key, token));
  }

  async leaseExists(key: string): Promise<boolean> {
    const fast = this.client.exists(key);
    return (await followRedirect(this.client, fast, (p) => p.exists(key))) === 1;
  }

  async acquireLeases(keys: readonly string[], token: string, ttlMs: number): Promise<boolean[]> {
    const px = Math.max(1, Math.ceil(ttlMs));
    const replies = await this.bySlot(keys, (pipeline, key) =>
      pipeline.set(key, token, 'PX', px, 'NX'),
    );
    return replies.map((reply) => reply === 'OK');
  }

  async releaseLeases(keys: readonly string[], token: string): Promise<void> {
    await this.bySlot(keys, (pipeline, key) => pipeline.cfRelease(key, token));
  }

  async leasesExist(keys: readonly string[]): Promise<boolean[]> {
    const replies = await this.bySlot(keys, (pipeline, key) => pipeline.exists(key));
    return replies.map((reply) => reply === 1);
  }

  async readCounter(key: string): Promise<number> {
    return Number(
      asText(await followRedirect(this.client, this.client.get(key), (p) => p.get(key))) ?? 0,
    );
  }

  async raiseCounter(key: string, value: number, ttlMs: number): Promise<number> {
    const px = Math.max(0, Math.ceil(ttlMs));
    const fast = this.client.cfRaise(key, value, px);
    return Number(await followRedirect(this.client, fast, (p) => p.cfRaise(key, value, px)));
  }

  async bumpCounter(key: string, floor: number): Promise<number> {
    const fast = this.client.cfBump(key, floor);
    return Number(await followRedirect(this.client, fast, (p) => p.cfBump(key, floor)));
  }

  onTopologyChange(listener: (slots: AffectedSlots) => void): () => void {
    return watchTopology(this.client, listener);
  }
}

function asText(reply: unknown): string | null {
  return typeof reply === 'string' ? reply : null;
}

function ttlArg(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}
