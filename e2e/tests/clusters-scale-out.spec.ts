import { expect, test } from '@playwright/test';
import { awaitReported, startAgents } from './cluster-fixture.js';
import {
  awaitOperationSucceeded,
  createClusterInConsole,
  topologyNode,
} from './clusters-console.js';
import { signIn } from './namespaces-console.js';

const name = 'e2e-scale';
const names = [1, 2, 3, 4].map((i) => `${name}-${i}`);

test('a cluster created in the console, then grown by one primary with the dry-run plan', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(240_000);
  if (!baseURL) throw new Error('global setup did not start the stack');
  await signIn(page);
  const agents = await startAgents(page.request, baseURL, names);
  try {
    await test.step('four agents report their Redis', () => awaitReported(page.request, names));

    await test.step('create 3 primaries from the form and watch the operation', async () => {
      await createClusterInConsole(page, { name, agents: names.slice(0, 3) });
      await awaitOperationSucceeded(page, 90_000);
    });

    await test.step('the cluster page shows the slot map and topology', async () => {
      await page.getByRole('link', { name: 'Cluster', exact: true }).click();
      await expect(page.getByTestId('slot-map')).toContainText('16,384 of 16,384 slots covered');
      await expect(page.getByTestId('slot-legend-item')).toHaveCount(3);
      await expect(page.getByTestId('slot-legend-uncovered')).toHaveCount(0);
      for (const agent of names.slice(0, 3)) {
        await expect(topologyNode(page, agent)).toHaveAttribute('data-role', 'primary');
        await expect(topologyNode(page, agent)).toHaveAttribute('data-health', 'ok');
      }
    });

    await test.step('add the fourth agent: the plan moves 4096 slots to it', async () => {
      const add = page.getByRole('region', { name: 'Add nodes and rebalance' });
      await add.getByLabel(names[3] ?? '', { exact: false }).check();
      const plan = add.getByTestId('rebalance-plan');
      await expect(plan.getByTestId('plan-total')).toHaveText('4,096');
      await expect(plan.getByTestId('plan-move')).toHaveCount(3);
      await add.getByRole('button', { name: 'Add and rebalance' }).click();
      await add.getByRole('button', { name: 'Confirm' }).click();
      await add.getByRole('link', { name: 'add-nodes operation' }).click();
      await awaitOperationSucceeded(page, 120_000);
    });

    await test.step('four balanced primaries in the slot map', async () => {
      await page.getByRole('link', { name: 'Cluster', exact: true }).click();
      await expect(page.getByTestId('slot-legend-item')).toHaveCount(4);
      await expect(page.getByTestId('slot-map')).toContainText('16,384 of 16,384 slots covered');
      for (const agent of names) {
        await expect(topologyNode(page, agent).locator('td').nth(4)).toHaveText('4096');
      }
    });
  } finally {
    await Promise.all(agents.map((a) => a.stop()));
  }
});
