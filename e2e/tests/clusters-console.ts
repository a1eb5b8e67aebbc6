// Console steps shared by the clusters journeys: create a cluster from the form, follow an
// operation's page to its end, and read the cluster page's slot map and topology.
import { expect, type Page } from '@playwright/test';

/** Creates a cluster in the form from the named idle agents; lands on its operation's page. */
export async function createClusterInConsole(
  page: Page,
  cluster: { name: string; agents: string[]; replicas?: number },
) {
  await page.goto('/clusters');
  await page.getByRole('link', { name: 'Create cluster' }).click();
  await page.getByLabel('Name').fill(cluster.name);
  await page.getByLabel('Replicas per primary').fill(String(cluster.replicas ?? 0));
  for (const agent of cluster.agents) await page.getByLabel(agent, { exact: false }).check();
  const plan = page.getByTestId('create-plan');
  const primaries = Math.floor(cluster.agents.length / (1 + (cluster.replicas ?? 0)));
  await expect(plan.locator('[data-testid="plan-node"][data-role="primary"]')).toHaveCount(
    primaries,
  );
  await page.getByRole('button', { name: 'Create cluster' }).click();
  await page.getByRole('button', { name: 'Confirm' }).click();
  await expect(page).toHaveURL(/\/operations\/[0-9a-f-]{36}$/);
}

/**
 * Waits on an operation's page until it succeeded, having seen its progress bar; an operation that
 * fails or is cancelled ends the wait at once with the error the page shows.
 */
export async function awaitOperationSucceeded(page: Page, timeoutMs: number) {
  await expect(page.getByRole('progressbar', { name: 'Operation progress' })).toBeVisible();
  const summary = page.getByTestId('operation-summary');
  await expect(summary).toHaveAttribute('data-status', /^(succeeded|failed|cancelled)$/, {
    timeout: timeoutMs,
  });
  const status = await summary.getAttribute('data-status');
  if (status !== 'succeeded') throw new Error(`operation ${status}: ${await summary.innerText()}`);
  await expect(page.getByRole('progressbar', { name: 'Operation progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  await expect(
    page.locator('[data-testid="operation-step"]:not([data-status="succeeded"])'),
  ).toHaveCount(0);
}

/** The topology row of one agent's node. */
export function topologyNode(page: Page, agent: string) {
  return page.locator(`[data-testid="topology-node"][data-agent="${agent}"]`);
}
