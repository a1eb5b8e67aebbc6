// The data path's Cluster client while every node refuses its credentials (the fleet credential
// rotated, or not applied yet): the Cluster reaches no node, and a command is still rejected
// within the command bound instead of waiting in ioredis' offline queue for as long as that lasts.
// A command rejected that way is never sent later, and the client serves again once accepted.
// The bound is generous: it catches a hang, it does not time anything.
import { startRedisCluster, type TestRedisCluster } from '@cachefleet/testing';
import { Cluster, Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createClusterClient } from '../../src/data/cluster-client.js';
import { waitFor } from '../helpers/wait.js';

const boundMs = 10_000;
const username = 'cachefleet';
const configured = 'configured-password';

type Outcome = { value: unknown } | { error: string };

/** The command's value or error message, or a failure if it has not settled within the bound. */
async function settled(call: Promise<unknown>): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const hung = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`the command did not settle within ${boundMs} ms`));
    }, boundMs);
  });
  try {
    return await Promise.race([
      call.then(
        (value) => ({ value }),
        (error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }),
      ),
      hung,
    ]);
  } finally {
    clearTimeout(timer);
  }
}

describe('cluster client while the cluster refuses its credentials', () => {
  let cluster: TestRedisCluster;
  let admins: Redis[] = [];
  /** The cluster as the default user, to see what the client's commands left behind. */
  let admin: Cluster;
  const clients: Cluster[] = [];

  /** Sets the cluster user's only password on every node and drops its open connections. */
  async function acceptOnly(password: string): Promise<void> {
    for (const node of admins) {
      await node.call('ACL', 'SETUSER', username, 'on', 'resetpass', `>${password}`);
      await node.call('ACL', 'SETUSER', username, '~*', '&*', '+@all');
      await node.call('CLIENT', 'KILL', 'USER', username);
    }
  }

  function connect(): Cluster {
    const client = createClusterClient({
      id: 'c1',
      name: 'test',
      nodes: cluster.startupNodes,
      username,
      password: configured,
    });
    clients.push(client);
    return client;
  }

  beforeAll(async () => {
    cluster = await startRedisCluster(3);
    admins = cluster.nodes.map((node) => new Redis({ host: node.host, port: node.port }));
    admin = new Cluster(cluster.startupNodes);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(async () => {
    for (const node of [admin, ...admins]) node.disconnect();
    await cluster.stop();
  });

  it('refused from the start: a write is rejected in time, never applied later', async () => {
    await acceptOnly('another-password');
    const client = connect();
    expect(await settled(client.set('{a}early', 'late'))).toHaveProperty('error');
    await acceptOnly(configured);
    await waitFor('the client to serve', () => client.set('{a}next', '1'));
    expect(await client.get('{a}next')).toBe('1');
    expect(await admin.get('{a}early')).toBeNull();
  }, 60_000);

  it('refused after connecting: a read and a write are rejected in time, then it serves', async () => {
    await acceptOnly(configured);
    const client = connect();
    expect(await client.set('{b}kept', 'v1')).toBe('OK');
    // Connected to every primary, so that refusing the user takes every node from the client.
    await Promise.all(client.nodes('master').map((node) => node.ping()));
    await acceptOnly('rotated-password');
    await waitFor('the client to lose every node', () => client.status !== 'ready');
    expect(await settled(client.get('{b}kept'))).toHaveProperty('error');
    expect(await settled(client.set('{b}lost', 'late'))).toHaveProperty('error');
    await acceptOnly(configured);
    await waitFor('the client to serve', async () => (await client.get('{b}kept')) === 'v1');
    expect(await admin.get('{b}lost')).toBeNull();
  }, 60_000);
});
