// Must-show: 10,000 writes through the data API into a write-behind namespace, drained by two
// agents in their own processes; one is SIGKILLed mid-drain. Every write reaches PostgreSQL (a
// trigger logs each upsert), in per-key order, the last value wins, and a poison entry goes to the
// dead-letter list without holding up the rest.
import { KeyLayout, type DeadLetter } from '@cachefleet/cache-core';
import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from '../helpers/wait.js';
import { startChildAgent, type ChildAgent } from './child-agent.js';
import {
  apiKey,
  call,
  clusterUser,
  dataConfig,
  namespace,
  startDataStack,
  type DataStack,
} from './harness.js';

const keyCount = 2000;
const rounds = 5;
const layout = new KeyLayout('events');

const schema = [
  'CREATE SEQUENCE ns_events_cf_version_seq',
  `CREATE TABLE ns_events (key text PRIMARY KEY, value jsonb NOT NULL, version bigint NOT NULL,
     CHECK (NOT (value ? 'poison')))`,
  'CREATE TABLE history (id bigserial PRIMARY KEY, key text NOT NULL, seq int NOT NULL)',
  `CREATE FUNCTION log_write() RETURNS trigger AS $$
     BEGIN INSERT INTO history (key, seq) VALUES (NEW.key, (NEW.value->>'seq')::int); RETURN NEW; END
   $$ LANGUAGE plpgsql`,
  'CREATE TRIGGER log_write AFTER INSERT OR UPDATE ON ns_events FOR EACH ROW EXECUTE FUNCTION log_write()',
];

describe('write-behind draining across agents', () => {
  let stack: DataStack;
  let redis: Cluster;
  const agents: ChildAgent[] = [];
  const writer = apiKey({ events: 'read-write' });

  async function queueDepth(): Promise<number> {
    const lengths = await Promise.all(
      Array.from({ length: 8 }, (_, p) => redis.xlen(layout.stream(p))),
    );
    return lengths.reduce((a, b) => a + b, 0);
  }

  beforeAll(async () => {
    stack = await startDataStack();
    for (const statement of schema) await stack.pool.query(statement);
    const config = dataConfig(
      stack.cluster,
      [namespace('events', stack.db, { writeMode: 'write-behind', maxKeyBytes: 64 })],
      [writer],
    );
    agents.push(await startChildAgent(config), await startChildAgent(config));
    redis = new Cluster(stack.cluster.startupNodes, { redisOptions: { ...clusterUser } });
  });
  afterAll(async () => {
    for (const agent of agents) await agent.kill();
    redis.disconnect();
    await stack.stop();
  });

  it('drains all 10,000 writes in per-key order through a SIGKILL, and dead-letters a poison entry', async () => {
    const [a, b] = agents;
    if (a === undefined || b === undefined) throw new Error('agents not started');
    let aOpen = true;
    let inFlightToA = 0;
    let done = 0;
    let killedAt: { depth: number; rows: number } | undefined;
    const put = async (key: string, value: unknown, useA: boolean) => {
      const target = useA && aOpen ? a : b;
      if (target === a) inFlightToA++;
      try {
        const reply = await call(target.url, 'PUT', `/v1/ns/events/keys/${key}`, {
          secret: writer.secret,
          body: { value },
        });
        expect(reply.status).toBe(200);
      } finally {
        if (target === a) inFlightToA--;
      }
    };
    const killA = async () => {
      aOpen = false;
      await waitFor('requests to agent A to finish', () => inFlightToA === 0);
      const { rows } = await stack.pool.query<{ n: string }>('SELECT count(*) AS n FROM history');
      killedAt = { depth: await queueDepth(), rows: Number(rows[0]?.n) };
      await a.kill();
    };
    // Each key's writes go one after another (alternating agents), keys in parallel.
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < keyCount; i = next++) {
        for (let seq = 0; seq < rounds; seq++) {
          await put(`k${i}`, { seq }, (i + seq) % 2 === 0);
          if (++done === 4000) await killA();
          if (done === 5000) await put('poison', { seq: 0, poison: true }, false);
        }
      }
    };
    await Promise.all(Array.from({ length: 32 }, worker));
    expect(done).toBe(keyCount * rounds);
    expect(killedAt?.depth).toBeGreaterThan(0);
    expect(killedAt?.rows).toBeLessThan(keyCount * rounds);

    await waitFor('the queue to drain', async () => (await queueDepth()) === 0, 120_000);
    const { rows: finals } = await stack.pool.query<{ key: string; seq: number }>(
      "SELECT key, (value->>'seq')::int AS seq FROM ns_events",
    );
    expect(finals.length).toBe(keyCount);
    expect(finals.every((row) => row.seq === rounds - 1)).toBe(true);
    const { rows: history } = await stack.pool.query<{ key: string; seq: number }>(
      'SELECT key, seq FROM history ORDER BY id',
    );
    const perKey = new Map<string, number[]>();
    for (const row of history) perKey.set(row.key, [...(perKey.get(row.key) ?? []), row.seq]);
    expect(perKey.size).toBe(keyCount);
    for (const [key, seqs] of perKey) {
      const ordered = seqs.every((s, i) => i === 0 || s >= (seqs[i - 1] ?? 0));
      expect({ key, ordered, all: new Set(seqs).size }).toEqual({
        key,
        ordered: true,
        all: rounds,
      });
    }
    const letters = (await redis.lrange(layout.deadLetters(), 0, -1)).map(
      (l) => JSON.parse(l) as DeadLetter,
    );
    expect(letters.map((l) => l.key)).toEqual(['poison']);
    expect(letters[0]?.error).toMatch(/check constraint/);
    console.log(
      JSON.stringify({
        writes: done,
        killedAtQueueDepth: killedAt?.depth,
        killedAtRowsWritten: killedAt?.rows,
        upserts: history.length,
        replayed: history.length - done,
      }),
    );
  }, 180_000);
});
