import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { startClusterFixture } from './cluster-fixture.js';
import { topologyNode } from './clusters-console.js';
import { signIn } from './namespaces-console.js';

/** The bound from kill -9 to the console showing the failover. */
const shownWithinMs = 10_000;

async function redisPidOf(dir: string): Promise<number> {
  const state = JSON.parse(await readFile(path.join(dir, 'agent.state.json'), 'utf8')) as {
    redisPid?: number | null;
  };
  if (!state.redisPid) throw new Error(`no redisPid in ${dir}/agent.state.json`);
  return state.redisPid;
}

test('kill -9 of a primary: the topology shows its replica promoted, it failed, then back as a replica', async ({
  page,
  baseURL,
}) => {
  test.setTimeout(300_000);
  if (!baseURL) throw new Error('global setup did not start the stack');
  await signIn(page);
  const cluster = await test.step('a 3x1 cluster of six agents', () =>
    startClusterFixture(page.request, baseURL, { name: 'e2e-failover', count: 6, replicas: 1 }));
  try {
    const view = await cluster.view();
    const primary = view.primaries.find((p) => p.replicas.length > 0);
    const replica = primary?.replicas[0];
    const victim = cluster.agents.find((a) => a.name === primary?.agentName);
    if (!primary || !replica || !victim) throw new Error('no primary with a replica');
    await page.goto(`/clusters/${cluster.clusterId}`);
    await expect(topologyNode(page, primary.agentName)).toHaveAttribute('data-role', 'primary');
    await expect(topologyNode(page, replica.agentName)).toHaveAttribute('data-role', 'replica');

    const killedAt = Date.now();
    process.kill(await redisPidOf(victim.dir), 'SIGKILL');
    await expect(topologyNode(page, replica.agentName)).toHaveAttribute('data-role', 'primary', {
      timeout: shownWithinMs,
    });
    await expect(topologyNode(page, primary.agentName)).toHaveAttribute('data-health', 'fail', {
      timeout: Math.max(1, shownWithinMs - (Date.now() - killedAt)),
    });
    const shownMs = Date.now() - killedAt;
    console.log(JSON.stringify({ figure: 'failover shown in console', ms: shownMs }));
    expect(shownMs).toBeLessThan(shownWithinMs);

    await test.step('its agent restarts it and it rejoins as a replica of the promoted node', async () => {
      // The agent keeps a crashed member down for two node timeouts, so it comes back as a replica.
      const old = topologyNode(page, primary.agentName);
      await expect(old).toHaveAttribute('data-role', 'replica', { timeout: 60_000 });
      await expect(old).toHaveAttribute('data-health', 'ok');
      await expect(old.getByRole('cell').nth(1)).toHaveText(`replica of ${replica.agentName}`);
    });
  } finally {
    await cluster.stop();
  }
});
