import { expect, test } from '@playwright/test';
import { trpc } from './monitoring-helpers.js';
import { signIn } from './namespaces-console.js';

const viewer = { email: 'viewer-ns@e2e.test', password: 'viewer password 123', name: 'Viewer' };

test('a viewer sees sources, namespaces and API keys but cannot change them', async ({
  browser,
  page,
}) => {
  await signIn(page);
  await trpc(page.request, 'users.create', { ...viewer, role: 'viewer' });
  const context = await browser.newContext();
  const asViewer = await context.newPage();
  try {
    await signIn(asViewer, viewer);
    await test.step('pages show, actions do not', async () => {
      await asViewer.goto('/sources');
      await expect(asViewer.getByRole('heading', { level: 1, name: 'Data sources' })).toBeVisible();
      await expect(asViewer.getByRole('button', { name: 'Add source' })).toHaveCount(0);
      await asViewer.goto('/namespaces');
      await expect(asViewer.getByRole('heading', { level: 1, name: 'Namespaces' })).toBeVisible();
      await expect(asViewer.getByRole('link', { name: 'New namespace' })).toHaveCount(0);
      await asViewer.goto('/settings/api-keys');
      await expect(asViewer.getByRole('heading', { level: 1, name: 'API keys' })).toBeVisible();
      await expect(asViewer.getByText('requires the admin role')).toBeVisible();
      await expect(asViewer.getByRole('button', { name: 'Create API key' })).toHaveCount(0);
    });
    await test.step('the server refuses a viewer anyway', async () => {
      const calls: [string, unknown][] = [
        ['dataSources.create', { name: 'x', connectionString: 'postgres://u:p@127.0.0.1:1/db' }],
        ['namespaces.delete', { name: 'orders' }],
        ['apiKeys.create', { name: 'x', scopes: [{ namespace: 'orders', permission: 'read' }] }],
        ['keys.invalidate', { namespace: 'orders', tag: 't' }],
      ];
      for (const [procedure, input] of calls) {
        const response = await asViewer.request.post(`/api/trpc/${procedure}`, { data: input });
        expect(response.status(), procedure).toBe(403);
      }
    });
  } finally {
    await context.close();
  }
});
