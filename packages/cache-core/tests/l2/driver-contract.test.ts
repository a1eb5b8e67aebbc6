import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RedisDriver, keySlot, type L2Record, type RedisClient } from '../../src/index.js';
import { startTarget, type RedisTarget, type TargetKind } from '../helpers/redis-targets.js';

function value(version: number, payload: string, extra: Partial<L2Record> = {}): L2Record {
  const now = Date.now();
  return {
    kind: 'value',
    version,
    payload,
    softExpiresAt: now + 60_000,
    createdAt: now,
    tags: [],
    ...extra,
  };
}

function tombstone(version: number): L2Record {
  const now = Date.now();
  return { kind: 'tombstone', version, payload: '', softExpiresAt: now, createdAt: now, tags: [] };
}

// One contract, every L2: a single Redis and a 3-primary Redis Cluster.
describe.each<TargetKind>(['single', 'cluster'])('L2 driver contract on %s Redis', (kind) => {
  let target: RedisTarget;
  let client: RedisClient;
  let driver: RedisDriver;
  let n = 0;
  const key = (): string => `cf:contract:g0:{k${++n}}`;

  beforeAll(async () => {
    target = await startTarget(kind);
    client = target.client();
    driver = new RedisDriver({ client });
  });
  afterAll(async () => {
    await target.stop();
  });

  it('round-trips a record with tags and a TTL', async () => {
    const k = key();
    expect(await driver.write(k, value(3, '"a"', { tags: ['t1', 't,2'] }), 5_000, 'fill')).toBe(
      true,
    );
    const read = await driver.read(k);
    expect(read).toMatchObject({ kind: 'value', version: 3, payload: '"a"', tags: ['t1', 't,2'] });
    const ttl = await client.pttl(k);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(5_000);
  });

  it('never replaces a newer version, accepts equal or newer', async () => {
    const k = key();
    await driver.write(k, value(5, '"v5"'), 60_000, 'commit');
    expect(await driver.write(k, value(4, '"v4"'), 60_000, 'fill')).toBe(false);
    expect(await driver.write(k, value(4, '"v4"'), 60_000, 'commit')).toBe(false);
    expect((await driver.read(k))?.payload).toBe('"v5"');
    expect(await driver.write(k, value(5, '"v5"'), 60_000, 'fill')).toBe(true);
    expect(await driver.write(k, value(6, '"v6"'), 60_000, 'commit')).toBe(true);
    expect((await driver.read(k))?.version).toBe(6);
  });

  it('a tombstone refuses older fills and has its own short TTL', async () => {
    const k = key();
    await driver.write(k, value(1, '"old"'), 60_000, 'commit');
    expect(await driver.write(k, tombstone(2), 1_000, 'commit')).toBe(true);
    expect(await driver.write(k, value(1, '"old"'), 60_000, 'fill')).toBe(false);
    expect((await driver.read(k))?.kind).toBe('tombstone');
    expect(await client.pttl(k)).toBeLessThanOrEqual(1_000);
    expect(await driver.write(k, value(3, '"new"'), 60_000, 'commit')).toBe(true);
  });

  it('a pending write-behind value keeps the version, blocks fills, and settles', async () => {
    const k = key();
    await driver.write(k, value(7, '"seven"'), 60_000, 'commit');
    expect(
      await driver.write(k, value(0, '"queued"', { pendingId: '100-0' }), 60_000, 'pending'),
    ).toBe(true);
    expect(
      await driver.write(k, value(0, '"older"', { pendingId: '99-5' }), 60_000, 'pending'),
    ).toBe(false);
    expect(await driver.write(k, value(8, '"fill"'), 60_000, 'fill')).toBe(false);
    const pending = await driver.read(k);
    expect(pending).toMatchObject({ payload: '"queued"', version: 7, pendingId: '100-0' });
    await driver.settle(k, '100-0', 9, 60_000);
    const settled = await driver.read(k);
    expect(settled).toMatchObject({ payload: '"queued"', version: 9 });
    expect(settled?.pendingId).toBeUndefined();
  });

  it('settling an older pending id only raises the version of a newer pending value', async () => {
    const k = key();
    await driver.write(k, value(0, '"b"', { pendingId: '200-1' }), 60_000, 'pending');
    await driver.settle(k, '200-0', 4, 60_000);
    expect(await driver.read(k)).toMatchObject({ payload: '"b"', version: 4, pendingId: '200-1' });
    await driver.discardPending(k, '200-1');
    expect(await driver.read(k)).toBeUndefined();
  });

  it('leases are exclusive and only the holder releases them', async () => {
    const k = `cf:contract:lease:{${++n}}`;
    expect(await driver.acquireLease(k, 'a', 5_000)).toBe(true);
    expect(await driver.acquireLease(k, 'b', 5_000)).toBe(false);
    await driver.releaseLease(k, 'b');
    expect(await driver.leaseExists(k)).toBe(true);
    await driver.releaseLease(k, 'a');
    expect(await driver.leaseExists(k)).toBe(false);
  });

  it('takes, checks and releases many leases at once, across slots', async () => {
    const keys = Array.from({ length: 6 }, () => `cf:contract:lease:{${++n}}`);
    const [taken = ''] = keys;
    expect(await driver.acquireLease(taken, 'other', 5_000)).toBe(true);
    const mine = await driver.acquireLeases(keys, 'mine', 5_000);
    expect(mine).toEqual([false, true, true, true, true, true]);
    expect(await driver.leasesExist(keys)).toEqual(keys.map(() => true));
    await driver.releaseLeases(keys, 'mine');
    expect(await driver.leasesExist(keys)).toEqual([true, false, false, false, false, false]);
  });

  it('counters only move forward', async () => {
    const k = `cf:contract:gen${++n}`;
    expect(await driver.bumpCounter(k, 0)).toBe(1);
    expect(await driver.bumpCounter(k, 10)).toBe(10);
    expect(await driver.raiseCounter(k, 5, 0)).toBe(10);
    expect(await driver.raiseCounter(k, 12, 0)).toBe(12);
    expect(await driver.readCounter(k)).toBe(12);
  });

  it('readMany spans slots and keeps the order of the keys', async () => {
    const keys = Array.from({ length: 40 }, () => key());
    expect(new Set(keys.map(keySlot)).size).toBeGreaterThan(10);
    await Promise.all(
      keys.map((k, i) =>
        i % 3 === 0 ? Promise.resolve(false) : driver.write(k, value(i, `"${i}"`), 60_000, 'fill'),
      ),
    );
    const records = await driver.readMany(keys);
    records.forEach((record, i) => {
      if (i % 3 === 0) expect(record).toBeUndefined();
      else expect(record?.payload).toBe(`"${i}"`);
    });
  });

  it('a bound reader hands each record, or the failure, to its handlers', async () => {
    const read = driver.reader<string>({
      onRecord: (record) => (record === undefined ? 'absent' : `v${record.version}`),
      onError: (error) => `error: ${error instanceof Error ? error.name : 'unknown'}`,
    });
    const k = key();
    expect(await read(k)).toBe('absent');
    await driver.write(k, value(7, '"seven"'), 60_000, 'commit');
    expect(await read(k)).toBe('v7');
    // A record whose tags are not JSON cannot be decoded: the reader's onError answers.
    const broken = (await client.get(k))?.replace(/^(.{52})00000000/, '$100000002') ?? '';
    await client.set(k, broken.slice(0, 60) + '{x' + broken.slice(60));
    expect(await read(k)).toBe('error: SyntaxError');
    // A key of another type fails in Redis (WRONGTYPE): the reader's onError answers too.
    const list = key();
    await client.lpush(list, 'x');
    expect(await read(list)).toBe('error: ReplyError');
  });
});
