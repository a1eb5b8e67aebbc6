import { InvalidationBus, type BusListener } from '../bus/invalidation-bus.js';
import { InvalidOptionError } from '../errors.js';
import { CacheEvents } from '../events.js';
import { KeyLayout } from '../keys.js';
import type { AffectedSlots } from '../l2/driver.js';
import type { RedisClient } from '../l2/redis-client.js';
import { RedisDriver, type RedisDriverOptions } from '../l2/redis-driver.js';
import { assertNamespace } from '../limits.js';
import { jsonSerializer, type Serializer } from '../serializer.js';
import { keySlot } from '../slot.js';
import type { Source } from '../source/source.js';
import { WriteBehindQueue } from '../write-behind/queue.js';
import { Cache } from './cache.js';
import { CacheCore } from './cache-core.js';
import { L1Tier } from './l1-tier.js';
import { resolvePolicy, type CachePolicy } from './policy.js';
import { ReadPath } from './read-path.js';
import { RepairQueue, type Repair } from './repair-queue.js';
import { TagTimes } from './tag-times.js';
import { WritePath } from './write-path.js';

export interface CacheOptions<V> {
  namespace: string;
  /** In-process tier; false disables it. Defaults: 10,000 entries, 64 MiB. */
  l1?: { maxEntries?: number; maxBytes?: number } | false;
  /** The Redis (or Redis Cluster) client; the cache never closes it. */
  l2: { client: RedisClient; replicatedWrites?: RedisDriverOptions['replicatedWrites'] };
  source?: Source<V>;
  policy?: Partial<CachePolicy>;
  serializer?: Serializer<V>;
}

function buildL1<V>(options: CacheOptions<V>, policy: CachePolicy, events: CacheEvents): L1Tier<V> {
  if (options.l1 === false) return new L1Tier<V>(undefined);
  const maxEntries = options.l1?.maxEntries ?? 10_000;
  const maxBytes = options.l1?.maxBytes ?? 64 * 1024 * 1024;
  const { namespace } = options;
  return new L1Tier<V>({ namespace, maxEntries, maxBytes, maxAgeMs: policy.l1MaxAgeMs, events });
}

/** The bus decides whether L1 may be trusted: see BusListener. */
function busListener<V>(core: () => CacheCore<V>): BusListener {
  return {
    message(message) {
      const c = core();
      const kind = message.kind === 'k' ? 'key' : message.kind === 't' ? 'tag' : 'flush';
      c.events.emit('invalidationReceived', { namespace: c.namespace, kind });
      if (message.kind === 'k') c.l1.invalidate(message.subject, message.version);
      else if (message.kind === 't') c.tags.raise(message.subject, message.version);
      else if (message.version > c.generation) {
        c.generation = message.version;
        c.l1.dropAll('flush');
      }
    },
    gap(reason) {
      const c = core();
      c.events.emit('busGap', { namespace: c.namespace, reason });
      c.l1.dropAll(reason);
      c.tags.clear();
      c.l1.setTrusted(true);
      void refreshGeneration(c);
    },
    down(error) {
      const c = core();
      c.events.emit('busDown', { namespace: c.namespace, error });
      c.l1.setTrusted(false);
      c.l1.dropAll('disconnect');
    },
  };
}

async function refreshGeneration<V>(core: CacheCore<V>): Promise<void> {
  try {
    const stored = await core.l2.readCounter(core.layout.generation());
    if (stored > core.generation) {
      core.generation = stored;
      core.l1.dropAll('flush');
    }
  } catch (error) {
    core.l2Failed('generation', error);
  }
}

function onTopology<V>(core: CacheCore<V>, slots: AffectedSlots): void {
  if (slots === 'all') {
    core.l1.dropAll('topology');
    return;
  }
  core.l1.dropWhere((key) => slots.has(keySlot(core.entryKey(key))));
  if (slots.has(keySlot(core.layout.channel()))) core.bus.restart();
}

/** Retries a committed write's L2 write, then its publish (both idempotent under versions). */
function repairAttempt<V>(core: () => CacheCore<V>) {
  return async (repair: Repair): Promise<void> => {
    const c = core();
    try {
      if (!repair.written) {
        await c.l2.write(c.entryKey(repair.key), repair.record, repair.ttlMs, 'commit');
        repair.written = true;
      }
      if (!repair.published) {
        await c.bus.publish('k', repair.key, repair.record.version);
        repair.published = true;
      }
    } catch (error) {
      c.l2Failed('repair', error);
      throw error;
    }
    c.events.emit('repaired', { namespace: c.namespace });
  };
}

function buildCore<V>(options: CacheOptions<V>, policy: CachePolicy): CacheCore<V> {
  const events = new CacheEvents();
  const layout = new KeyLayout(options.namespace);
  const { client, replicatedWrites } = options.l2;
  const driver = new RedisDriver({ client, replicatedWrites });
  // The bus and the repair queue call back into the core, which needs them to exist first.
  const ref: { core?: CacheCore<V> } = {};
  const getCore = (): CacheCore<V> => {
    if (ref.core === undefined) throw new Error('cache core used before construction');
    return ref.core;
  };
  const bus = new InvalidationBus(client, layout.channel(), busListener(getCore));
  const serializer = options.serializer ?? jsonSerializer<V>();
  const l1 = buildL1(options, policy, events);
  const repairs = new RepairQueue(repairAttempt(getCore));
  ref.core = new CacheCore<V>(
    options.namespace,
    layout,
    policy,
    serializer,
    events,
    l1,
    driver,
    options.source,
    bus,
    new TagTimes(driver, layout),
    repairs,
  );
  return ref.core;
}

/** Builds a cache for one namespace: L1 → L2 (Redis / Cluster) → source, with its bus. */
export function createCache<V>(options: CacheOptions<V>): Cache<V> {
  assertNamespace(options.namespace);
  if (typeof options.l2 !== 'object') throw new InvalidOptionError('l2.client is required');
  const policy = resolvePolicy(options.policy);
  if (policy.writeMode === 'write-through' && options.source === undefined) {
    throw new InvalidOptionError('write-through needs a source');
  }
  const core = buildCore(options, policy);
  const queue = new WriteBehindQueue({
    client: options.l2.client,
    l2: core.l2,
    layout: core.layout,
    partitions: policy.writeBehindPartitions,
    ttlMs: () => policy.ttlMs,
    entryKey: (key) => core.entryKey(key),
  });
  const stopTopology = core.l2.onTopologyChange((slots) => {
    onTopology(core, slots);
  });
  const closing = deferred();
  const ready = Promise.race([startUp(core), closing.promise]);
  const writes = new WritePath(core, queue, options.serializer === undefined);
  return new Cache(core, new ReadPath(core), writes, ready, () => {
    stopTopology();
    core.bus.close();
    core.repairs.close();
    core.l1.dropAll('disconnect');
    closing.resolve();
  });
}

/**
 * The generation, then the first subscription attempt (a failed one is retried in the
 * background). Neither rejects, but either can wait as long as Redis does not answer: close()
 * settles `ready` itself rather than waiting, and a subscription not yet begun is not begun.
 */
async function startUp<V>(core: CacheCore<V>): Promise<void> {
  await refreshGeneration(core);
  if (!core.closed) await core.bus.start();
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve = (): void => undefined;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}
