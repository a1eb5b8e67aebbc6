import { randomBytes } from 'node:crypto';
import { SourceError } from '../errors.js';
import type { L2Record } from '../record.js';
import type { SourceRecord } from '../source/source.js';
import type { CacheCore } from './cache-core.js';
import { sleep, type Judged } from './freshness.js';
import type { FillGuard } from './l1-tier.js';
import { recordForLoad } from './load-record.js';
import type { ReadResult } from './read-entry.js';

type Judge<V> = (record: L2Record) => Promise<Judged<V>>;

/** What a batch found, by key: present once the key is resolved (value undefined = absent). */
export type Found<V> = Map<string, ReadResult<V>>;

const noop = (): void => undefined;

/**
 * The source part of getMany, with getOrLoad's stampede control done in batches: the leases of all
 * the keys are asked for in one pipelined round (one pipeline per slot), the keys won are loaded in
 * one source call, and the keys another process holds are waited for together (each poll is one L2
 * read and one lease check for all of them). Won keys load while lost ones wait, so two batches
 * that each hold a key the other waits for never block each other. A key whose holder let go
 * without a fill is tried once more; after that it loads without a lease, as in getOrLoad.
 */
export async function loadMany<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  guards: ReadonlyMap<string, FillGuard>,
): Promise<Found<V>> {
  const found: Found<V> = new Map();
  const token = randomBytes(12).toString('hex');
  let pending = keys;
  for (let round = 0; round < 2 && pending.length > 0; round++) {
    const { won, lost, leased } = await acquire(core, pending, token);
    const [, unresolved] = await Promise.all([
      leased ? loadLeased(core, judge, won, token, guards, found) : load(core, won, guards, found),
      waitForFills(core, judge, lost, guards, found),
    ]);
    pending = unresolved;
  }
  await load(core, pending, guards, found);
  return found;
}

/** Fresh L2 records of `keys` go to `found` (and L1); returns the keys that had none. */
export async function readFresh<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  guards: ReadonlyMap<string, FillGuard>,
  found: Found<V>,
): Promise<string[]> {
  const records = await core.l2.readMany(keys.map((key) => core.entryKey(key)));
  const left: string[] = [];
  await Promise.all(
    keys.map(async (key, i) => {
      const record = records[i];
      const judged = record === undefined ? undefined : await judge(record);
      if (judged?.state !== 'fresh') {
        left.push(key);
        return;
      }
      found.set(key, { value: judged.value, version: judged.record.version, tier: 'l2' });
      const guard = guards.get(key);
      if (guard !== undefined) core.fillL1(guard, judged.record, core.policy.ttlMs, judged.value);
    }),
  );
  return left;
}

/** `leased` false: L2 could not be asked, so every key loads without coordination. */
async function acquire<V>(
  core: CacheCore<V>,
  keys: readonly string[],
  token: string,
): Promise<{ won: readonly string[]; lost: readonly string[]; leased: boolean }> {
  const { l2, layout, policy } = core;
  let ours: boolean[];
  try {
    ours = await l2.acquireLeases(
      keys.map((key) => layout.lease(key)),
      token,
      policy.leaseTtlMs,
    );
  } catch (error) {
    core.l2Failed('lease', error);
    return { won: keys, lost: [], leased: false };
  }
  return {
    won: keys.filter((_, i) => ours[i] === true),
    lost: keys.filter((_, i) => ours[i] !== true),
    leased: true,
  };
}

/** Loads the keys whose leases we hold, after checking that no earlier holder filled them. */
async function loadLeased<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  token: string,
  guards: ReadonlyMap<string, FillGuard>,
  found: Found<V>,
): Promise<void> {
  if (keys.length === 0) return;
  try {
    let left: readonly string[] = keys;
    try {
      left = await readFresh(core, judge, keys, guards, found);
    } catch (error) {
      core.l2Failed('read', error);
    }
    await load(core, left, guards, found);
  } finally {
    const leaseKeys = keys.map((key) => core.layout.lease(key));
    core.l2.releaseLeases(leaseKeys, token).catch(noop);
  }
}

/**
 * Polls L2 with backoff until every key is filled by its lease holder, its lease is gone, or the
 * lease TTL passed; returns the keys still unresolved.
 */
async function waitForFills<V>(
  core: CacheCore<V>,
  judge: Judge<V>,
  keys: readonly string[],
  guards: ReadonlyMap<string, FillGuard>,
  found: Found<V>,
): Promise<readonly string[]> {
  const { events, namespace, l2, layout, policy } = core;
  for (let i = 0; i < keys.length; i++) events.emit('coalesced', { namespace, scope: 'lease' });
  const deadline = Date.now() + policy.leaseTtlMs;
  const given: string[] = [];
  let waiting = keys;
  for (
    let delay = 2;
    waiting.length > 0 && Date.now() < deadline;
    delay = Math.min(delay * 2, 100)
  ) {
    await sleep(delay);
    try {
      const [left, held] = await Promise.all([
        readFresh(core, judge, waiting, guards, found),
        l2.leasesExist(waiting.map((key) => layout.lease(key))),
      ]);
      const stillHeld = new Set(waiting.filter((_, i) => held[i] === true));
      given.push(...left.filter((key) => !stillHeld.has(key)));
      waiting = left.filter((key) => stillHeld.has(key));
    } catch (error) {
      core.l2Failed('lease-wait', error);
      break;
    }
  }
  return [...given, ...waiting];
}

/** One source call for `keys`; each result is filled into L2 and L1 (absent ones as negatives). */
async function load<V>(
  core: CacheCore<V>,
  keys: readonly string[],
  guards: ReadonlyMap<string, FillGuard>,
  found: Found<V>,
): Promise<void> {
  const { source, events, namespace } = core;
  if (keys.length === 0 || source === undefined) return;
  const started = Date.now();
  let rows: Map<string, SourceRecord<V>>;
  try {
    rows = await source.load(keys);
  } catch (error) {
    throw new SourceError('load', error);
  }
  const durationMs = Date.now() - started;
  await Promise.all(
    keys.map(async (key) => {
      const row = rows.get(key);
      found.set(key, { value: row?.value, version: row?.version ?? 0, tier: 'source' });
      events.emit('load', { namespace, durationMs, found: row !== undefined });
      const made = recordForLoad(core, row);
      const guard = guards.get(key);
      if (made === undefined || guard === undefined) return;
      const written = await core.l2
        .write(core.entryKey(key), made.record, made.ttlMs, 'fill')
        .catch(() => false);
      if (written) core.fillL1(guard, made.record, made.ttlMs, row?.value);
    }),
  );
}
