import { expect, test, type Page } from '@playwright/test';
import { signatureHeader, timestampHeader, verifySignature } from '@cachefleet/api';
import { admin } from './fixtures.js';
import { startReceiver, trpc } from './monitoring-helpers.js';

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

test('an operator manages alert rules; promtool’s refusal is shown and changes nothing', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/alerts');
  await page
    .getByRole('navigation', { name: 'Alerting' })
    .getByRole('link', { name: 'Rules' })
    .click();
  const rows = page.getByTestId('rule-row');
  await expect(rows.filter({ hasText: 'RedisDown' })).toBeVisible();
  const form = page.getByRole('form', { name: 'New rule' });

  await test.step('an invalid expression is refused with promtool’s message', async () => {
    await form.getByLabel('Name').fill('E2eBroken');
    await form.getByLabel('Metric').selectOption({ label: 'Custom PromQL expression' });
    await form.getByLabel('PromQL').fill('rate(cachefleet_redis_keys[5m]');
    await form.getByRole('button', { name: 'Create rule' }).click();
    await expect(form.getByRole('alert')).toContainText(/parse error|unclosed/i);
    await expect(rows.filter({ hasText: 'E2eBroken' })).toHaveCount(0);
  });

  await test.step('a rule is created, disabled, edited and deleted', async () => {
    await form.getByLabel('Metric').selectOption({ label: 'Connected clients' });
    await form.getByLabel('Comparator').selectOption('>');
    await form.getByLabel('Threshold').fill('1000');
    await form.getByLabel('For (seconds)').fill('120');
    await form.getByRole('button', { name: 'Create rule' }).click();
    const row = rows.filter({ hasText: 'E2eBroken' });
    await expect(row).toContainText('> 1000');
    await row.getByRole('button', { name: 'Disable E2eBroken' }).click();
    await expect(row).toContainText('disabled');
    await row.getByRole('button', { name: 'Edit E2eBroken' }).click();
    const edit = page.getByRole('form', { name: 'Edit rule' });
    await edit.getByLabel('Threshold').fill('500');
    await edit.getByRole('button', { name: 'Save rule' }).click();
    await expect(row).toContainText('> 500');
    await row.getByRole('button', { name: 'Delete E2eBroken' }).click();
    await expect(row).toHaveCount(0);
  });
});

test('an operator adds a signed webhook channel and sends a test notification', async ({
  page,
}) => {
  const receiver = await startReceiver();
  try {
    await signIn(page);
    await page.goto('/alerts/channels');
    const form = page.getByRole('form', { name: 'New channel' });
    await form.getByLabel('Name').fill('e2e test receiver');
    await form.getByLabel('URL').fill(receiver.url);
    await form.getByRole('button', { name: 'Add channel' }).click();
    const secret = (await form.getByLabel('Signing secret').textContent()) ?? '';
    expect(secret).toMatch(/^cfs_whsec_/);

    const row = page.getByTestId('channel-row').filter({ hasText: 'e2e test receiver' });
    await row.getByRole('button', { name: 'Send test notification to e2e test receiver' }).click();
    await expect(row.getByRole('status')).toHaveText('Test sent.');
    const delivery = receiver.deliveries.at(-1);
    if (!delivery) throw new Error('the receiver got nothing');
    const signature = String(delivery.headers[signatureHeader.toLowerCase()]);
    const timestamp = String(delivery.headers[timestampHeader.toLowerCase()]);
    expect(verifySignature(secret, timestamp, delivery.body, signature)).toBe(true);
    expect(delivery.body).toContain('TestNotification');

    await row.getByRole('button', { name: 'Delete e2e test receiver' }).click();
    await expect(row).toHaveCount(0);
  } finally {
    await receiver.close();
  }
});

test('silences are listed and can be expired', async ({ page }) => {
  await signIn(page);
  await trpc(page.request, 'alerts.silence', {
    labels: { alertname: 'E2eSilenced' },
    minutes: 30,
    comment: 'e2e silence',
  });
  await page.goto('/alerts/silences');
  const row = page.getByTestId('silence-row').filter({ hasText: 'E2eSilenced' });
  await expect(row).toContainText('active');
  await row.getByRole('button', { name: 'Expire' }).click();
  await expect(row).toContainText('expired');
});
