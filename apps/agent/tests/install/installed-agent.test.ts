// An installed agent against a real console: an upgrade to a bundle whose agent never becomes
// healthy is rolled back and the previous version runs again; the agent's warnings reach the
// console with its heartbeats; uninstall refuses while the host runs a cluster node.
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createCaller, createContext } from '@cachefleet/api';
import {
  clusters,
  createSession,
  createUser,
  findAgent,
  nodes,
  requestAgentUpgrade,
  type Database,
} from '@cachefleet/db';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBrokenBundle, buildBundle } from '../helpers/bundles.js';
import { startControlPlane, type TestControlPlane } from '../helpers/control-plane.js';
import { exists, installHost, type InstalledHost } from '../helpers/installed-host.js';
import { isAlive } from '../helpers/probes.js';
import { waitFor } from '../helpers/wait.js';
import { tempDir } from '../helpers/agent-cli.js';

const good = '0.9.0-good';
const broken = '0.9.1-broken';

/** The console's nodes router as a signed-in viewer sees it. */
async function viewerNodes(db: Database) {
  const suffix = randomBytes(4).toString('hex');
  const user = await createUser(db, {
    name: 'Viewer',
    email: `viewer-${suffix}@example.test`,
    passwordHash: 'not-used',
    role: 'viewer',
  });
  const token = randomBytes(24).toString('base64url');
  const tokenHash = createHash('sha256').update(token).digest('hex');
  await createSession(db, { tokenHash, userId: user.id, expiresAt: new Date(Date.now() + 3.6e6) });
  return createCaller(await createContext({ db, sessionToken: token })).nodes;
}

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
    expect(upgrade.output).toContain(`error: agent ${broken} exited before becoming healthy`);
    expect(upgrade.output).toContain('this test bundle never starts');
    expect(upgrade.output).toContain(`rolled back: ${good} is running again`);
    expect(await host.currentTarget()).toBe(path.join('versions', good));
    expect(await host.probe()).toEqual({ version: good, readyz: 200 });
    const failed = await readFile(path.join(host.prefix, 'upgrade-failed'), 'utf8');
    expect(failed.trim()).toBe(broken);
  }, 150_000);

  it('sends its recent warnings to the console, which shows them on the node', async () => {
    const { agentId } = await host.config();
    // The console asks again for the version that failed; the agent declines with a warning.
    await requestAgentUpgrade(cp.db, agentId, broken);
    const nodesApi = await viewerNodes(cp.db);
    const line = await waitFor(
      'the warning on nodes.get',
      async () => {
        const node = await nodesApi.get({ id: agentId });
        return node.recentLogs.find((l) => l.msg.includes('not retrying an upgrade'));
      },
      30_000,
    );
    expect(line.level).toBe('warn');
    expect(line.msg).toContain(broken);
    expect(await host.probe()).toEqual({ version: good, readyz: 200 });
  }, 60_000);

  it('refuses to uninstall while the host runs a cluster node, unless --force', async () => {
    const { agentId } = await host.config();
    const [cluster] = await cp.db.insert(clusters).values({ name: 'c1' }).returning();
    if (!cluster) throw new Error('no cluster row');
    await cp.db
      .insert(nodes)
      .values({ clusterId: cluster.id, agentId, host: '127.0.0.1', port: 7001 });
    const agentPid = await host.pid();
    const refused = await host.cli(['uninstall']);
    expect(refused.code, refused.output).toBe(1);
    expect(refused.output).toContain('still runs 1 cluster node(s) and owns slots');
    expect(refused.output).toContain('--force');
    expect(await exists(host.configPath)).toBe(true);
    expect(await exists(path.join(host.prefix, 'bin/cachefleet-agent'))).toBe(true);
    expect(await findAgent(cp.db, agentId)).toBeTruthy();
    expect(await host.probe()).toEqual({ version: good, readyz: 200 });

    const forced = await host.cli(['uninstall', '--force']);
    expect(forced.code, forced.output).toBe(0);
    expect(await exists(host.prefix)).toBe(false);
    expect(await exists(host.configPath)).toBe(false);
    expect(await findAgent(cp.db, agentId)).toBeFalsy();
    await waitFor('the agent to stop', () => !isAlive(agentPid));
  }, 90_000);
});
