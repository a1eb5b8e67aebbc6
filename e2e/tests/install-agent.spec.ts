import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { admin } from './fixtures.js';
import { cli, exists, hostDirs, insertToken, pathWithout, sh } from './install-helpers.js';

const bundleDir = process.env.CACHEFLEET_E2E_BUNDLE_DIR ?? '';
const bundleScript = path.resolve(import.meta.dirname, '../../scripts/bundle-agent.mjs');

async function signIn(page: Page) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(admin.email);
  await page.getByLabel('Password').fill(admin.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('button', { name: 'Sign out' })).toBeVisible();
}

async function installCommandFromConsole(page: Page): Promise<string> {
  await page
    .getByRole('navigation', { name: 'Main' })
    .getByRole('link', { name: 'Settings' })
    .click();
  await page.getByLabel('Note').fill('installed host');
  await page.getByRole('button', { name: 'Create enrollment token' }).click();
  const code = page.getByLabel('Agent install command');
  await expect(code).toContainText('/install.sh | sh -s -- --token cfe_');
  return (await code.textContent()) ?? '';
}

/** The console's installer with a given token into the given dirs. */
const installLine = (baseURL: string, token: string, dirs: { prefix: string; configDir: string }) =>
  `curl -fsSL ${baseURL}/install.sh | sh -s -- --token ${token} --prefix ${dirs.prefix} --config-dir ${dirs.configDir}`;

test('the one-line installer installs, upgrades and uninstalls an agent', async ({
  page,
  baseURL,
}) => {
  if (!baseURL || !bundleDir) throw new Error('global setup did not start the console');
  const dirs = await hostDirs();
  const original = (await readFile(path.join(bundleDir, 'latest'), 'utf8')).trim();
  const row = page.getByTestId('node-row').filter({ hasText: 'e2e-installed' });
  await signIn(page);
  const command = await installCommandFromConsole(page);
  try {
    await test.step('install in background mode; the node turns healthy', async () => {
      const run = await sh(
        `${command} --prefix ${dirs.prefix} --config-dir ${dirs.configDir} --name e2e-installed`,
      );
      expect(run.output).toContain('==> verifying the SHA-256 checksum');
      expect(run.output).toContain('starting the agent in the background');
      expect(run.code, run.output).toBe(0);
      await page
        .getByRole('navigation', { name: 'Main' })
        .getByRole('link', { name: 'Nodes' })
        .click();
      await expect(row).toContainText('healthy', { timeout: 30_000 });
      await expect(row).toContainText(original);
    });

    await test.step('status reports the running agent and its version', async () => {
      const status = await cli(dirs.prefix, ['status']);
      expect(status.output).toContain(`cachefleet-agent ${original}`);
      expect(status.output).toContain('up to date');
      expect(status.code, status.output).toBe(0);
    });

    await test.step('a second install on the joined host stops and changes nothing', async () => {
      const token = await insertToken();
      const run = await sh(installLine(baseURL, token, dirs));
      expect(run.code).not.toBe(0);
      expect(run.output).toContain('this host is already joined');
      expect((await cli(dirs.prefix, ['status'])).code).toBe(0);
    });

    await test.step('upgrade to a newly built bundle keeps the node healthy', async () => {
      execFileSync(process.execPath, [bundleScript, '--version', '0.1.1-e2e', '--out', bundleDir]);
      expect((await cli(dirs.prefix, ['status'])).output).toContain('0.1.1-e2e available');
      const upgrade = await cli(dirs.prefix, ['upgrade']);
      expect(upgrade.output).toContain(`upgraded ${original} -> 0.1.1-e2e`);
      expect(upgrade.code, upgrade.output).toBe(0);
      await expect(row).toContainText('0.1.1-e2e', { timeout: 30_000 });
      await expect(row).toContainText('healthy');
    });

    await test.step('the console offers an upgrade and the agent performs it itself', async () => {
      execFileSync(process.execPath, [bundleScript, '--version', '0.1.2-e2e', '--out', bundleDir]);
      await page.reload();
      await row.getByRole('button', { name: 'Upgrade e2e-installed' }).click();
      await expect(row).toContainText('0.1.2-e2e', { timeout: 60_000 });
      await expect(row).toContainText('healthy');
      await expect(row.getByRole('button', { name: /Upgrade/ })).toHaveCount(0);
    });

    await test.step('uninstall removes the agent; the console shows it gone', async () => {
      const uninstall = await cli(dirs.prefix, ['uninstall']);
      expect(uninstall.code, uninstall.output).toBe(0);
      expect(await exists(dirs.prefix)).toBe(false);
      expect(await exists(path.join(dirs.configDir, 'agent.json'))).toBe(false);
      await expect(row).toHaveCount(0, { timeout: 15_000 });
    });
  } finally {
    await writeFile(path.join(bundleDir, 'latest'), `${original}\n`);
    if (await exists(dirs.prefix)) await cli(dirs.prefix, ['uninstall', '--force']);
    await rm(dirs.root, { recursive: true, force: true });
  }
});

test.describe('the installer refuses and changes nothing', () => {
  async function refused(
    baseURL: string | undefined,
    token: string,
    extra = '',
    env = process.env,
  ) {
    if (!baseURL) throw new Error('no console');
    const dirs = await hostDirs();
    const run = await sh(`${installLine(baseURL, token, dirs)} ${extra}`, env);
    expect(run.code).not.toBe(0);
    expect(await exists(dirs.prefix)).toBe(false);
    expect(await exists(dirs.configDir)).toBe(false);
    await rm(dirs.root, { recursive: true, force: true });
    return run.output;
  }

  test('an expired token', async ({ baseURL }) => {
    const output = await refused(baseURL, await insertToken({ expired: true }));
    expect(output).toContain('enrollment token has expired');
  });

  test('a revoked token', async ({ baseURL }) => {
    const output = await refused(baseURL, await insertToken({ revoked: true }));
    expect(output).toContain('enrollment token was revoked');
  });

  test('a tampered bundle (checksum mismatch)', async ({ baseURL }) => {
    const version = (await readFile(path.join(bundleDir, 'latest'), 'utf8')).trim();
    const archive = path.join(bundleDir, `${version}.tgz`);
    const good = await readFile(archive);
    await writeFile(archive, Buffer.concat([good, Buffer.from('tampered')]));
    try {
      const output = await refused(baseURL, await insertToken());
      expect(output).toContain(`checksum mismatch for agent ${version}`);
    } finally {
      await writeFile(archive, good);
    }
  });

  test('a missing prerequisite (Node.js) and too little memory', async ({ baseURL }) => {
    const env = { ...process.env, PATH: await pathWithout('node') };
    const noNode = await refused(baseURL, await insertToken(), '', env);
    expect(noNode).toContain('Node.js 20 or newer is required');
    const lowMemory = await refused(baseURL, await insertToken(), '--min-memory-mb 100000000');
    expect(lowMemory).toContain('memory available; the agent needs at least 100000000 MiB');
  });
});
