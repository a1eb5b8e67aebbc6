import { expect, test } from '@playwright/test';
import { admin, startAgent } from './fixtures.js';
import { insertToken } from './install-helpers.js';
import { agentRedis, promValues, redisLoad } from './monitoring-helpers.js';

const node = 'e2e-load';

test('the metrics page charts real numbers after a load run', async ({ page, baseURL }, info) => {
  if (!baseURL) throw new Error('global setup did not start the console');
  const agent = await startAgent(baseURL, await insertToken(), node);
  try {
    const redis = await agentRedis(agent.dir);
    await expect
      .poll(() => promValues(`cachefleet_redis_up{node="${node}"}`), { timeout: 30_000 })
      .toEqual([1]);

    await test.step('load the agent’s Redis', async () => {
      for (let run = 0; run < 4; run++) {
        await redisLoad(redis, 20_000);
        await new Promise((resolve) => setTimeout(resolve, 2_000));
      }
      const ops = `rate(cachefleet_redis_commands_processed_total{node="${node}"}[30s])`;
      await expect.poll(async () => (await promValues(ops))[0] ?? 0).toBeGreaterThan(100);
    });

    await page.goto('/login');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Metrics' })
      .click();
    await page.getByLabel('Range').selectOption('15m');

    const ops = page.getByTestId('chart-opsPerSecond');
    await expect(ops.locator('.recharts-line-curve').first()).toBeVisible();
    await expect(ops.getByText(node).first()).toBeVisible();
    for (const name of ['opsPerSecond', 'memory', 'hitRatio', 'connectedClients']) {
      const body = page.getByTestId(`chart-${name}`).locator('.chart-body');
      await expect(body).toBeVisible();
      expect(Number(await body.getAttribute('data-points'))).toBeGreaterThanOrEqual(3);
      expect(Number(await body.getAttribute('data-peak'))).toBeGreaterThan(0);
    }
    const opsPeak = await ops.locator('.chart-body').getAttribute('data-peak');
    expect(Number(opsPeak)).toBeGreaterThan(100);
    await page.screenshot({ path: info.outputPath('metrics-after-load.png'), fullPage: true });
  } finally {
    await agent.stop();
  }
});
