import { expect, test, type Page } from '@playwright/test';
import { signatureHeader, timestampHeader, verifySignature } from '@cachefleet/api';
import type { RouterOutputs } from '@cachefleet/api';
import { admin, startAgent } from './fixtures.js';
import { insertToken } from './install-helpers.js';
import {
  agentRedis,
  promValues,
  setRuleFor,
  startReceiver,
  takeRedisDown,
  trpc,
  type Delivery,
} from './monitoring-helpers.js';

type Created = RouterOutputs['channels']['create'];
const node = 'e2e-redis-down';

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

interface Sent {
  status: string;
  alerts: { alertname: string; status: string; node: string | null }[];
}

/** The RedisDown notifications for our node, each with whether its signature verifies. */
function redisDownDeliveries(deliveries: Delivery[], secret: string) {
  return deliveries.flatMap((d) => {
    const sent = JSON.parse(d.body) as Sent;
    const ours = sent.alerts.filter((a) => a.alertname === 'RedisDown' && a.node === node);
    const signature = String(d.headers[signatureHeader.toLowerCase()] ?? '');
    const timestamp = String(d.headers[timestampHeader.toLowerCase()] ?? '');
    const valid = verifySignature(secret, timestamp, d.body, signature);
    return ours.map((a) => ({ status: a.status, valid }));
  });
}

test('Redis down fires an alert that reaches the console and a signed webhook, then resolves', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(150_000);
  if (!baseURL) throw new Error('global setup did not start the console');
  const receiver = await startReceiver();
  const agent = await startAgent(baseURL, await insertToken(), node);
  let previousFor: number | undefined;
  try {
    await signIn(page);
    // A short `for` keeps the journey quick; the rule is otherwise the default pack's.
    previousFor = await setRuleFor(page.request, 'RedisDown', 3);
    const { signingSecret } = await trpc<Created>(page.request, 'channels.create', {
      channel: { kind: 'webhook', name: 'e2e receiver', url: receiver.url },
      minSeverity: 'info',
    });
    if (!signingSecret) throw new Error('a webhook channel returns its signing secret');

    const redis = await agentRedis(agent.dir);
    const upQuery = `cachefleet_redis_up{node="${node}"}`;
    await expect.poll(() => promValues(upQuery), { timeout: 30_000 }).toEqual([1]);

    const down = await takeRedisDown(redis);
    try {
      await test.step('the alert fires and is delivered signed', async () => {
        await expect
          .poll(() => redisDownDeliveries(receiver.deliveries, signingSecret), { timeout: 45_000 })
          .toContainEqual({ status: 'firing', valid: true });
      });
      await test.step('the console shows it firing', async () => {
        await page.goto('/alerts');
        const row = page.getByTestId('alert-row').filter({ hasText: 'RedisDown' });
        await expect(row.filter({ hasText: node }).first()).toContainText('firing');
      });
    } finally {
      await down.release();
    }

    await test.step('Redis comes back and the alert resolves', async () => {
      await expect
        .poll(() => redisDownDeliveries(receiver.deliveries, signingSecret), { timeout: 60_000 })
        .toContainEqual({ status: 'resolved', valid: true });
      const row = page.getByTestId('alert-row').filter({ hasText: 'RedisDown' });
      await expect(row.filter({ hasText: node }).first()).toContainText('resolved');
    });
  } finally {
    if (previousFor !== undefined) await setRuleFor(page.request, 'RedisDown', previousFor);
    await agent.stop();
    await receiver.close();
  }
});
