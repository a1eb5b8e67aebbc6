import { expect, test } from '@playwright/test';
import { admin, startAgent } from './fixtures.js';

test('an admin enrolls a host and sees its node turn healthy', async ({ page, baseURL }) => {
  if (!baseURL) throw new Error('global setup did not start the console');

  await test.step('sign in', async () => {
    await page.goto('/login');
    await page.getByLabel('Email').fill(admin.email);
    await page.getByLabel('Password').fill(admin.password);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
  });

  const command = await test.step('create an enrollment token', async () => {
    await page
      .getByRole('navigation', { name: 'Main' })
      .getByRole('link', { name: 'Settings' })
      .click();
    await page.getByLabel('Note').fill('e2e host');
    await page.getByRole('button', { name: 'Create enrollment token' }).click();
    const code = page.getByLabel('Agent install command');
    await expect(code).toContainText('| sh -s -- --token cfe_');
    return (await code.textContent()) ?? '';
  });

  const token = /--token (\S+)/.exec(command)?.[1];
  expect(command).toContain(`curl -fsSL ${baseURL}/install.sh`);
  if (!token) throw new Error(`no token in: ${command}`);
  const agent = await startAgent(baseURL, token, 'e2e-node-1');
  try {
    await test.step('the node appears and turns healthy', async () => {
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Nodes' })
        .click();
      const row = page.getByTestId('node-row').filter({ hasText: 'e2e-node-1' });
      await expect(row).toContainText('healthy', { timeout: 60_000 });
      await expect(row).toContainText('7.');
    });
  } finally {
    await agent.stop();
  }

  await test.step('sign out', async () => {
    await page.getByRole('button', { name: 'Sign out' }).click();
    await expect(page).toHaveURL(/\/login/);
    await page.goto('/nodes');
    await expect(page).toHaveURL(/\/login/);
  });
});
