// An installed agent against a real console: an upgrade to a bundle whose agent never becomes
// healthy is rolled back, and the previous version runs again.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrokenBundle, buildBundle } from '../helpers/bundles.js';
import { startControlPlane, type TestControlPlane } from '../helpers/control-plane.js';
import { installHost, type InstalledHost } from '../helpers/installed-host.js';
import { tempDir } from '../helpers/agent-cli.js';

const good = '0.9.0-good';
const broken = '0.9.1-broken';

describe('an installed agent', () => {
  let cp: TestControlPlane;
  let dirs: Awaited<ReturnType<typeof tempDir>>;
  let host: InstalledHost;

  beforeAll(async () => {
    dirs = await tempDir();
    const bundleDir = path.join(dirs.dir, 'bundle');
    await buildBundle(good, bundleDir);
    cp = await startControlPlane({ bundleDir });
    const installed = await installHost(cp.url, await cp.issueToken(), dirs.dir);
    expect(installed.install.code, installed.install.output).toBe(0);
    host = installed.host;
    await buildBrokenBundle(broken, bundleDir);
  }, 120_000);

  afterAll(async () => {
    await host.cli(['uninstall', '--force']).catch(() => undefined);
    await cp.stop();
    await dirs.remove();
  });

  it('rolls an upgrade back when the new version fails its health check', async () => {
    expect(await host.probe()).toEqual({ version: good, readyz: 200 });
    const upgrade = await host.cli(['upgrade']);
    expect(upgrade.code, upgrade.output).toBe(1);
    expect(upgrade.output).toContain(`error: agent ${broken} did not become healthy`);
    expect(upgrade.output).toContain(`rolled back: ${good} is running again`);
    expect(await host.currentTarget()).toBe(path.join('versions', good));
    expect(await host.probe()).toEqual({ version: good, readyz: 200 });
    const failed = await readFile(path.join(host.prefix, 'upgrade-failed'), 'utf8');
    expect(failed.trim()).toBe(broken);
  }, 150_000);
});
