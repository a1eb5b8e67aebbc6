import net from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { startRedis, startRedisCluster } from '../src/index.js';

function answers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });
}

describe('test harness', () => {
  it('starts a real redis-server, survives a crash and restart, and leaves nothing behind', async () => {
    const server = await startRedis();
    const client = new Redis({ port: server.port, lazyConnect: true, maxRetriesPerRequest: 1 });
    client.on('error', () => undefined);
    try {
      await client.set('k', 'v');
      await server.kill();
      expect(await answers(server.port)).toBe(false);
      await server.restart();
      expect(await client.ping()).toBe('PONG');
    } finally {
      client.disconnect();
      await server.stop();
    }
    expect(await answers(server.port)).toBe(false);
  });

  it('starts a 3-primary Redis Cluster covering every slot', async () => {
    const cluster = await startRedisCluster(3, 0);
    const client = new Cluster(cluster.startupNodes);
    try {
      for (let i = 0; i < 30; i++) await client.set(`key-${i}`, String(i));
      expect(await client.get('key-29')).toBe('29');
      const nodes = client.nodes('master');
      expect(nodes).toHaveLength(3);
    } finally {
      client.disconnect();
      await cluster.stop();
    }
  });
});
