// The embedded server under many pooled connections: extended-protocol batches from different
// connections must not interleave (each query gets its own answer), and a failing statement must not
// stall the others.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../src/embedded/index.js';
import { freePort } from '../src/testing/index.js';

describe('embedded PostgreSQL with concurrent connections', () => {
  let server: EmbeddedPostgres;
  let pool: pg.Pool;

  beforeAll(async () => {
    server = await startEmbeddedPostgres({ dataDir: 'memory://', port: await freePort() });
    pool = new pg.Pool({ connectionString: server.url, max: 8 });
  });

  afterAll(async () => {
    await pool.end();
    await server.close();
  });

  it('answers 400 concurrent parameterised queries over 8 connections, each with its own row', async () => {
    const results = await Promise.all(
      Array.from({ length: 400 }, (_, i) =>
        pool.query<{ n: number; s: string }>('SELECT $1::int AS n, $2::text AS s', [i, `v${i}`]),
      ),
    );
    results.forEach((result, i) => {
      expect(result.rows).toEqual([{ n: i, s: `v${i}` }]);
    });
  });

  it('keeps serving after statements fail among concurrent ones', async () => {
    const outcomes = await Promise.allSettled(
      Array.from({ length: 60 }, (_, i) =>
        i % 3 === 0
          ? pool.query('SELECT 1 / $1::int AS n', [0])
          : pool.query<{ n: number }>('SELECT $1::int AS n', [i]),
      ),
    );
    outcomes.forEach((outcome, i) => {
      if (i % 3 === 0) expect(outcome.status).toBe('rejected');
      else expect(outcome.status === 'fulfilled' && outcome.value.rows).toEqual([{ n: i }]);
    });
    expect((await pool.query('SELECT 2 AS n')).rows).toEqual([{ n: 2 }]);
  });
});
