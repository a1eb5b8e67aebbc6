import { expect, test, type Page } from '@playwright/test';
import { createCachefleetClient, type DirectNamespace } from '@cachefleet/sdk';
import pg from 'pg';
import { startClusterFixture, type ClusterFixture } from './cluster-fixture.js';
import {
  addSource,
  createApiKey,
  createNamespace,
  openKeyBrowser,
  signIn,
} from './namespaces-console.js';
import {
  agentCall,
  describeVisibility,
  keyPath,
  msUntilVisible,
  retryFor,
} from './namespaces-data.js';

interface Order {
  total: number;
}

const ns = { name: 'orders', source: 'e2e-pg', table: 'orders_cache', cluster: 'e2e-data' };
/** The bound for a write through one client to be visible through the other. */
const visibleWithinMs = 100;

/** The agent's answer for a key once it serves it (agents pick up new keys within seconds). */
async function agentValue(dataUrl: string, apiKey: string, key: string) {
  const answer = await agentCall(dataUrl, apiKey, 'GET', keyPath(ns.name, key));
  return answer.status === 200 ? (answer.body as { value: unknown }).value : answer.status;
}

async function sourceRow(db: pg.Client, key: string) {
  const result = await db.query<{ value: unknown; version: string }>(
    `SELECT value, version FROM ${ns.table} WHERE key = $1`,
    [key],
  );
  return result.rows[0];
}

test('a service caches PostgreSQL rows through a namespace set up in the console', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  const databaseUrl = process.env.CACHEFLEET_E2E_DATABASE_URL;
  if (!baseURL || !databaseUrl) throw new Error('global setup did not start the stack');
  await signIn(page);
  const cluster: ClusterFixture = await test.step('a ready cluster of three agents', () =>
    startClusterFixture(page.request, baseURL, { name: ns.cluster }));
  const db = new pg.Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    const apiKey =
      await test.step('in the console: a source, a namespace, an API key', async () => {
        await addSource(page, ns.source, databaseUrl);
        await createNamespace(page, ns);
        return createApiKey(page, 'orders-service', ns.name);
      });
    const sdk = createCachefleetClient({ url: baseURL, apiKey });
    const orders = sdk.namespace<Order>(ns.name, { mode: 'direct' });
    const agentUrl = cluster.agents[0]?.dataUrl ?? '';
    try {
      await journey({ page, db, orders, agentUrl, apiKey });
    } finally {
      await sdk.close();
    }
  } finally {
    await db.end();
    await cluster.stop();
  }
});

async function journey(ctx: {
  page: Page;
  db: pg.Client;
  orders: DirectNamespace<Order>;
  agentUrl: string;
  apiKey: string;
}) {
  const { db, orders, agentUrl, apiKey } = ctx;
  await test.step('read-through loads a row inserted into PostgreSQL', async () => {
    await db.query(`INSERT INTO ${ns.table} (key, value, version) VALUES ($1, $2, 1)`, [
      'o-1',
      { total: 10 },
    ]);
    const first = await retryFor(
      'the agent serving the new key',
      async () => {
        const answer = await agentCall(agentUrl, apiKey, 'GET', keyPath(ns.name, 'o-1'));
        if (answer.status !== 200) throw new Error(JSON.stringify(answer));
        return answer.body;
      },
      30_000,
    );
    expect(first).toMatchObject({ key: 'o-1', value: { total: 10 }, tier: 'source' });
    expect(await retryFor('direct mode', () => orders.get('o-1'), 30_000)).toEqual({ total: 10 });
    // A lost or refused bus subscription would explain a stale read: say so in the output.
    (await orders.events()).on('busDown', ({ error }) => {
      console.log(`invalidation bus down: ${error.message}`);
    });
    // Both now hold the value in their L1.
    expect(await agentValue(agentUrl, apiKey, 'o-1')).toEqual({ total: 10 });
    expect(await orders.get('o-1')).toEqual({ total: 10 });
  });

  await test.step('a write through one client is visible through the other within 100 ms', async () => {
    await orders.set('o-1', { total: 20 });
    const toAgent = await msUntilVisible(
      () => agentValue(agentUrl, apiKey, 'o-1'),
      { total: 20 },
      visibleWithinMs,
    );
    const put = await agentCall(agentUrl, apiKey, 'PUT', keyPath(ns.name, 'o-1'), {
      value: { total: 30 },
    });
    expect(put.status).toBe(200);
    const toSdk = await msUntilVisible(() => orders.get('o-1'), { total: 30 }, visibleWithinMs);
    const figures = `sdk→agent: ${describeVisibility(toAgent)}; agent→sdk: ${describeVisibility(toSdk)}`;
    test.info().annotations.push({ type: 'visibility', description: figures });
    console.log(`write visibility: ${figures}`);
    expect((await sourceRow(db, 'o-1'))?.value).toEqual({ total: 30 });
  });

  await test.step('the key browser shows the key, its value, version and tier', async () => {
    await openKeyBrowser(ctx.page, ns.name, 'o-*');
    await ctx.page.getByTestId('key-row').filter({ hasText: 'o-1' }).getByRole('button').click();
    await expect(ctx.page.getByTestId('key-value')).toContainText('"total":30');
    await expect(ctx.page.getByTestId('key-tier')).toContainText('L2 (Redis) holds a value');
    await expect(ctx.page.getByTestId('key-tier')).toContainText('the source has its row');
  });

  await test.step('a delete removes the key from every tier', async () => {
    await orders.delete('o-1');
    const answer = await agentCall(agentUrl, apiKey, 'GET', keyPath(ns.name, 'o-1'));
    expect(answer).toMatchObject({ status: 404, body: { error: { code: 'E_NOT_FOUND' } } });
    expect(await orders.get('o-1')).toBeUndefined();
    expect(await sourceRow(db, 'o-1')).toBeUndefined();
    await openKeyBrowser(ctx.page, ns.name, 'o-*');
    await ctx.page.getByTestId('key-row').filter({ hasText: 'o-1' }).getByRole('button').click();
    await expect(ctx.page.getByTestId('key-tier')).toContainText('deleted: L2 keeps a tombstone');
    await expect(ctx.page.getByTestId('key-tier')).toContainText('no row in the source');
  });
}
