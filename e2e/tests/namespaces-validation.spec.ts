import { expect, test } from '@playwright/test';
import { signIn } from './namespaces-console.js';

test('the namespace form shows each refused field beside it and creates nothing', async ({
  page,
}) => {
  await signIn(page);
  await page.goto('/namespaces/new');
  await page.getByLabel('Name', { exact: true }).fill('Bad Name!');
  await page.getByLabel('TTL (seconds)', { exact: true }).fill('abc');
  await page.getByLabel('Soft TTL (seconds)', { exact: true }).fill('0');
  await page.getByLabel('TTL jitter (0–1)', { exact: true }).fill('2');
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page.getByRole('alert').first()).toContainText('some fields are not valid');
  const errorOf = (label: string) =>
    page
      .locator('.field', { has: page.getByLabel(label, { exact: true }) })
      .locator('.field-error');
  await expect(errorOf('Name')).toContainText('lowercase letter');
  await expect(errorOf('TTL (seconds)')).not.toBeEmpty();
  await expect(errorOf('Soft TTL (seconds)')).not.toBeEmpty();
  await expect(errorOf('TTL jitter (0–1)')).not.toBeEmpty();
  await expect(page).toHaveURL(/\/namespaces\/new$/);
  await page.goto('/namespaces');
  await expect(page.getByTestId('namespace-row').filter({ hasText: 'Bad Name' })).toHaveCount(0);
});
