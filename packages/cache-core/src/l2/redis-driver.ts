import type { ChainableCommander, Cluster } from 'ioredis';
import type { L2Record } from '../record.js';
import { keySlot } from '../slot.js';
import type { AffectedSlots, CommitOutcome, L2Driver, ShardMessage, WriteMode } from './driver.js';
import { decodeRecord, encodeRecord } from './record-codec.js';
import { defineScripts, isCluster, type RedisClient } from './redis-client.js';

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

  constructor(options: RedisDriverOptions) {
    this.client = options.client;
    this.replicated = options.replicatedWrites;
    defineScripts(this.client);
  }

  // Not async: one promise per hit instead of two on the hottest L2 path.
  read(key: string): Promise<L2Record | undefined> {
    return this.client.get(key).then(decodeRecord);
  }

  async readMany(keys: readonly string[]): Promise<(L2Record | undefined)[]> {
    const replies = await this.bySlot(keys, (pipeline, key) => pipeline.get(key));
    return replies.map((reply) => decodeRecord(typeof reply === 'string' ? reply : null));
  }

  /**
   * Sends one command per key, in one pipeline per cluster slot (a cluster pipeline must stay on one
   * node, and a slot always does), all pipelines at once. Replies come back in the order of `keys`.
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
        indexes.forEach((keyIndex, i) => {
          const [error, reply] = replies[i] ?? [new Error('missing pipeline reply'), null];
          if (error) throw error;
          results[keyIndex] = reply;
        });
      }),
    );
    return results;
  }

  async write(key: string, record: L2Record, ttlMs: number, mode: WriteMode): Promise<boolean> {
    const args = [encodeRecord(record), ttlArg(ttlMs), mode];
    if (this.replicated === undefined) return (await this.client.cfWrite(key, ...args)) === 1;
    const { replicas, timeoutMs } = this.replicated;
    const replies =
      (await this.client
        .pipeline()
        .cfWrite(key, ...args)
        .wait(replicas, timeoutMs)
        .exec()) ?? [];
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
   * On a single Redis the write script publishes too (one round trip, publish strictly after the
   * write). Not in a cluster, where the channel's slot is not the key's, nor with replicated
   * writes, whose publish must wait for WAIT's verdict: there the caller publishes afterwards.
   */
  async commitAndPublish(
    key: string,
    record: L2Record,
    ttlMs: number,
    message: () => ShardMessage,
  ): Promise<CommitOutcome> {
    if (isCluster(this.client) || this.replicated !== undefined) {
      return { written: await this.write(key, record, ttlMs, 'commit'), published: false };
    }
    const { channel, message: text } = message();
    const args = [encodeRecord(record), ttlArg(ttlMs), 'commit', channel, text];
    return { written: (await this.client.cfWrite(key, ...args)) === 1, published: true };
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
    await this.client.cfSettle(key, pendingId, version, ttlArg(ttlMs));
  }

  async discardPending(key: string, pendingId: string): Promise<void> {
    await this.client.cfDiscard(key, pendingId);
  }

  async remove(key: string): Promise<void> {
    await this.client.del(key);
  }

  async acquireLease(key: string, token: string, ttlMs: number): Promise<boolean> {
    return (await this.client.set(key, token, 'PX', Math.max(1, Math.ceil(ttlMs)), 'NX')) === 'OK';
  }

  async releaseLease(key: string, token: string): Promise<void> {
    await this.client.cfRelease(key, token);
  }

  async leaseExists(key: string): Promise<boolean> {
    return (await this.client.exists(key)) === 1;
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
    return Number((await this.client.get(key)) ?? 0);
  }

  async raiseCounter(key: string, value: number, ttlMs: number): Promise<number> {
    return await this.client.cfRaise(key, value, Math.max(0, Math.ceil(ttlMs)));
  }

  async bumpCounter(key: string, floor: number): Promise<number> {
    return await this.client.cfBump(key, floor);
  }

  onTopologyChange(listener: (slots: AffectedSlots) => void): () => void {
    const client = this.client;
    if (isCluster(client)) return watchCluster(client, listener);
    // A standalone server that dropped the connection may have restarted empty or failed over.
    const onClose = (): void => {
      listener('all');
    };
    client.on('close', onClose);
    return () => client.off('close', onClose);
  }
}

function ttlArg(ttlMs: number): number {
  return Math.max(1, Math.ceil(ttlMs));
}

/** Diffs the slot → primary map on every refresh; slots whose primary changed are affected. */
function watchCluster(cluster: Cluster, listener: (slots: AffectedSlots) => void): () => void {
  let owners = snapshotOwners(cluster);
  const onRefresh = (): void => {
    const next = snapshotOwners(cluster);
    const changed = new Set<number>();
    for (let slot = 0; slot < 16384; slot++) {
      if (owners[slot] !== next[slot] && owners[slot] !== undefined) changed.add(slot);
    }
    owners = next;
    if (changed.size > 0) listener(changed);
  };
  const onNodeGone = (): void => {
    // The refresh that follows names the slots; until then the node's slots are unknown.
    listener('all');
  };
  cluster.on('refresh', onRefresh);
  cluster.on('-node', onNodeGone);
  return () => {
    cluster.off('refresh', onRefresh);
    cluster.off('-node', onNodeGone);
  };
}

function snapshotOwners(cluster: Cluster): (string | undefined)[] {
  const owners = new Array<string | undefined>(16384);
  for (let slot = 0; slot < 16384; slot++) owners[slot] = cluster.slots[slot]?.[0];
  return owners;
}
