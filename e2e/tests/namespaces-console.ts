// Console steps of the namespaces journeys, driven in the browser the way an operator would.
import { expect, type Page } from '@playwright/test';
import { admin } from './fixtures.js';

export async function signIn(page: Page, user: { email: string; password: string } = admin) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(user.email);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function openDataPage(page: Page, link: 'Namespaces' | 'Data sources' | 'API keys') {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Namespaces' })
    .click();
  if (link !== 'Namespaces') {
    await page.getByRole('navigation', { name: 'Data' }).getByRole('link', { name: link }).click();
  }
  await expect(page.getByRole('heading', { level: 1, name: link })).toBeVisible();
}

/** Adds a PostgreSQL source and checks "test connection" reaches it. */
export async function addSource(page: Page, name: string, connectionString: string) {
  await openDataPage(page, 'Data sources');
  await page.getByLabel('Source name').fill(name);
  await page.getByLabel('Connection string').fill(connectionString);
  await page.getByRole('button', { name: 'Add source' }).click();
  const row = page.getByTestId('source-row').filter({ hasText: name });
  await expect(row).toBeVisible();
  await expect(row).not.toContainText(connectionString);
  await row.getByRole('button', { name: `Test connection ${name}` }).click();
  await expect(row.getByRole('status')).toContainText(/ok — \d+ ms/);
}

async function selectOptionContaining(page: Page, label: string, text: string) {
  const select = page.getByLabel(label, { exact: true });
  const option = select.locator('option', { hasText: text });
  await expect(option).toHaveCount(1);
  await select.selectOption((await option.getAttribute('value')) ?? '');
}

/** Creates a write-through namespace over a new table the console creates in the source. */
export async function createNamespace(
  page: Page,
  ns: { name: string; cluster: string; source: string; table: string },
) {
  await openDataPage(page, 'Namespaces');
  await page.getByRole('link', { name: 'New namespace' }).click();
  await page.getByLabel('Name', { exact: true }).fill(ns.name);
  await selectOptionContaining(page, 'Cluster', ns.cluster);
  await selectOptionContaining(page, 'Data source', ns.source);
  await page.getByLabel('Table', { exact: true }).fill(ns.table);
  await page.getByRole('button', { name: 'Create a conforming table' }).click();
  await expect(page.getByText(`Created ${ns.table}.`)).toBeVisible();
  await page.getByRole('button', { name: 'Create namespace' }).click();
  await expect(page).toHaveURL(new RegExp(`/namespaces/${ns.name}$`));
  await expect(page.getByRole('heading', { level: 1, name: ns.name })).toBeVisible();
}

/** Creates a read-write key for one namespace and returns the secret the console shows once. */
export async function createApiKey(page: Page, name: string, namespace: string) {
  await openDataPage(page, 'API keys');
  await page.getByLabel('Key name').fill(name);
  await page.getByLabel('Namespace of scope 1').selectOption(namespace);
  await page.getByLabel('Permission of scope 1').selectOption('read-write');
  await page.getByRole('button', { name: 'Create API key' }).click();
  await expect(page.getByText("you won't see it again")).toBeVisible();
  const secret = (await page.getByLabel('API key secret').textContent()) ?? '';
  expect(secret).toMatch(/^cfk_/);
  const row = page.getByTestId('api-key-row').filter({ hasText: name });
  await expect(row).toContainText(`${namespace} (read-write)`);
  await expect(row).not.toContainText(secret);
  return secret;
}

/** The namespace's key browser, scanned with a pattern. */
export async function openKeyBrowser(page: Page, namespace: string, pattern: string) {
  await page.goto(`/namespaces/${namespace}/keys`);
  await page.getByLabel('Pattern').fill(pattern);
  await page.getByRole('button', { name: 'Scan' }).click();
}
