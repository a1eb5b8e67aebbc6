import { randomBytes } from 'node:crypto';
import { expect, type Page } from '@playwright/test';
import { createCachefleetClient, type DirectNamespace } from '@cachefleet/sdk';
import pg from 'pg';
import { startClusterFixture } from './cluster-fixture.js';
import { killLeftAgents, test } from './journey-cleanup.js';
import {
  addSource,
  createApiKey,
  createNamespace,
  openKeyBrowser,
  signIn,
} from './namespaces-console.js';
import {
  agentCall,
  awaitAgentsServe,
  bounded,
  callTimeoutMs,
  describeVisibility,
  keyPath,
  msUntilVisible,
  retryFor,
} from './namespaces-data.js';

interface Order {
  total: number;
}

/** The bound for a write through one client to be visible through the other. */
const visibleWithinMs = 100;
/** How long agents may take to pull and apply the new namespace and API key. */
const agentsServeWithinMs = 90_000;

/**
 * Every name the journey creates, unique per attempt: a retry runs against the same console
 * database, where the first attempt's cluster, source and namespace (all unique names), its table
 * and its agents (found by name) are still there.
 */
function journeyNames(retry: number) {
  const id = `${retry}${randomBytes(2).toString('hex')}`;
  return {
    name: `orders-${id}`,
    source: `e2e-pg-${id}`,
    table: `orders_cache_${id}`,
    cluster: `e2e-data-${id}`,
    apiKey: `orders-service-${id}`,
  };
}

type Names = ReturnType<typeof journeyNames>;

interface Journey {
  page: Page;
  db: pg.Client;
  ns: Names;
  orders: DirectNamespace<Order>;
  agentUrl: string;
  apiKey: string;
}

/** The agent's answer for a key: its value once it serves it, else the HTTP status. */
async function agentValue(ctx: Journey, key: string) {
  const answer = await agentCall(ctx.agentUrl, ctx.apiKey, 'GET', keyPath(ctx.ns.name, key));
  return answer.status === 200 ? (answer.body as { value: unknown }).value : answer.status;
}

/** An SDK read that names itself if it hangs. */
function sdkGet(ctx: Journey, key: string) {
  return bounded(`SDK get ${key}`, ctx.orders.get(key));
}

async function sourceRow(ctx: Journey, key: string) {
  const result = await ctx.db.query<{ value: unknown; version: string }>(
    `SELECT value, version FROM ${ctx.ns.table} WHERE key = $1`,
    [key],
  );
  return result.rows[0];
}

test('a service caches PostgreSQL rows through a namespace set up in the console', async ({
  page,
  baseURL,
  cleanup,
}, testInfo) => {
  test.setTimeout(300_000);
  const databaseUrl = process.env.CACHEFLEET_E2E_DATABASE_URL;
  if (!baseURL || !databaseUrl) throw new Error('global setup did not start the stack');
  const ns = journeyNames(testInfo.retry);
  testInfo.annotations.push({ type: 'names', description: JSON.stringify(ns) });
  // Cleanup runs in the fixture's teardown, so a timed-out body still stops what it started.
  cleanup.add(`kill agents of ${ns.cluster} still running`, () => killLeftAgents(`${ns.cluster}-`));
  await signIn(page);
  const cluster = await test.step('a ready cluster of three agents', () =>
    startClusterFixture(page.request, baseURL, { name: ns.cluster }));
  cleanup.add(`stop cluster ${ns.cluster}`, () => cluster.stop());
  const db = new pg.Client({
    connectionString: databaseUrl,
    connectionTimeoutMillis: callTimeoutMs,
    query_timeout: callTimeoutMs,
  });
  await db.connect();
  cleanup.add('close the SQL connection', () => db.end());
  const apiKey = await test.step('in the console: a source, a namespace, an API key', async () => {
    await addSource(page, ns.source, databaseUrl);
    await createNamespace(page, ns);
    return createApiKey(page, ns.apiKey, ns.name);
  });
  const sdk = createCachefleetClient({ url: baseURL, apiKey });
  cleanup.add('close the SDK client', () => sdk.close());
  await test.step('every agent serves the new namespace to the new key', async () => {
    const ms = await awaitAgentsServe(cluster.agents, apiKey, ns.name, agentsServeWithinMs);
    testInfo.annotations.push({ type: 'agents serving after', description: `${ms} ms` });
    console.log(`agents serving ${ns.name} after ${ms} ms`);
  });
  const orders = sdk.namespace<Order>(ns.name, { mode: 'direct' });
  const agentUrl = cluster.agents[0]?.dataUrl ?? '';
  await journey({ page, db, ns, orders, agentUrl, apiKey });
});

async function journey(ctx: Journey) {
  await test.step('read-through loads a row inserted into PostgreSQL', () => readThrough(ctx));
  await test.step('a write through one client is visible through the other within 100 ms', () =>
    writeVisibility(ctx));
  await test.step('the key browser shows the key, its value, version and tier', async () => {
    await openKeyBrowser(ctx.page, ctx.ns.name, 'o-*');
    await ctx.page.getByTestId('key-row').filter({ hasText: 'o-1' }).getByRole('button').click();
    await expect(ctx.page.getByTestId('key-value')).toContainText('"total":30');
    await expect(ctx.page.getByTestId('key-tier')).toContainText('L2 (Redis) holds a value');
    await expect(ctx.page.getByTestId('key-tier')).toContainText('the source has its row');
  });
  await test.step('a delete removes the key from every tier', () => deleteEverywhere(ctx));
}

async function readThrough(ctx: Journey) {
  const { db, ns, orders, agentUrl, apiKey } = ctx;
  await db.query(`INSERT INTO ${ns.table} (key, value, version) VALUES ($1, $2, 1)`, [
    'o-1',
    { total: 10 },
  ]);
  // Every agent serves the namespace by now; this is the first read of o-1 anywhere, retried only
  // past a refusal such as a namespace being rebuilt for a new config (503 E_NOT_READY).
  const first = await retryFor(
    'the first read of o-1 through the agent',
    async () => {
      const answer = await agentCall(agentUrl, apiKey, 'GET', keyPath(ns.name, 'o-1'));
      if (answer.status !== 200) throw new Error(JSON.stringify(answer));
      return answer.body;
    },
    30_000,
  );
  expect(first).toMatchObject({ key: 'o-1', value: { total: 10 }, tier: 'source' });
  // Direct mode connects to Redis as the key's ACL user, which agents apply right after the config.
  expect(await retryFor('direct mode', () => sdkGet(ctx, 'o-1'), 60_000)).toEqual({ total: 10 });
  // A lost or refused bus subscription would explain a stale read: say so in the output.
  (await bounded('SDK events', orders.events())).on('busDown', ({ error }) => {
    console.log(`invalidation bus down: ${error.message}`);
  });
  // Both now hold the value in their L1.
  expect(await agentValue(ctx, 'o-1')).toEqual({ total: 10 });
  expect(await sdkGet(ctx, 'o-1')).toEqual({ total: 10 });
}

async function writeVisibility(ctx: Journey) {
  const { ns, orders, agentUrl, apiKey } = ctx;
  await bounded('SDK set o-1', orders.set('o-1', { total: 20 }));
  const toAgent = await msUntilVisible(
    () => agentValue(ctx, 'o-1'),
    { total: 20 },
    visibleWithinMs,
  );
  const put = await agentCall(agentUrl, apiKey, 'PUT', keyPath(ns.name, 'o-1'), {
    value: { total: 30 },
  });
  expect(put.status).toBe(200);
  const toSdk = await msUntilVisible(() => sdkGet(ctx, 'o-1'), { total: 30 }, visibleWithinMs);
  const figures = `sdk→agent: ${describeVisibility(toAgent)}; agent→sdk: ${describeVisibility(toSdk)}`;
  test.info().annotations.push({ type: 'visibility', description: figures });
  console.log(`write visibility: ${figures}`);
  expect((await sourceRow(ctx, 'o-1'))?.value).toEqual({ total: 30 });
}

async function deleteEverywhere(ctx: Journey) {
  const { ns, page, agentUrl, apiKey } = ctx;
  await bounded('SDK delete o-1', ctx.orders.delete('o-1'));
  // The agent hears of the delete over the bus like of any write, under the same 100 ms bound: a
  // read at once raced it and lost on a loaded machine (the agent answered from its L1).
  const toAgent = await msUntilVisible(() => agentValue(ctx, 'o-1'), 404, visibleWithinMs);
  console.log(`delete visibility: sdk→agent: ${describeVisibility(toAgent)}`);
  const answer = await agentCall(agentUrl, apiKey, 'GET', keyPath(ns.name, 'o-1'));
  expect(answer).toMatchObject({ status: 404, body: { error: { code: 'E_NOT_FOUND' } } });
  expect(await sdkGet(ctx, 'o-1')).toBeUndefined();
  expect(await sourceRow(ctx, 'o-1')).toBeUndefined();
  await openKeyBrowser(page, ns.name, 'o-*');
  await page.getByTestId('key-row').filter({ hasText: 'o-1' }).getByRole('button').click();
  await expect(page.getByTestId('key-tier')).toContainText('deleted: L2 keeps a tombstone');
  await expect(page.getByTestId('key-tier')).toContainText('no row in the source');
}
