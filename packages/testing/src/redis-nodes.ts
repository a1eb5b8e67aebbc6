// Bare redis-server nodes for cluster orchestration tests: cluster-enabled but not yet meeting
// each other (an idle agent's Redis), with the fleet's cluster user already applied.
import { startRedis, type TestRedis } from './redis-server.js';

export interface RedisNodesOptions {
  count: number;
  clusterEnabled?: boolean;
  /** The cluster user (ACL user + masteruser/masterauth), as an agent applies it. */
  username?: string;
  password?: string;
}

export interface TestRedisNodes {
  nodes: TestRedis[];
  username: string;
  password: string;
  stop(): Promise<void>;
}

function userArgs(username: string, password: string): string[] {
  return [
    '--user',
    username,
    'on',
    `>${password}`,
    '~*',
    '&*',
    '+@all',
    '--masteruser',
    username,
    '--masterauth',
    password,
  ];
}

/** Starts `count` servers on free loopback ports; the default user stays open for test setup. */
export async function startRedisNodes(options: RedisNodesOptions): Promise<TestRedisNodes> {
  const username = options.username ?? 'cachefleet';
  const password = options.password ?? 'test-cluster-password-0123456789';
  const nodes = await Promise.all(
    Array.from({ length: options.count }, () =>
      startRedis({
        cluster: options.clusterEnabled ?? true,
        extraArgs: userArgs(username, password),
      }),
    ),
  );
  return {
    nodes,
    username,
    password,
    async stop() {
      await Promise.all(nodes.map((n) => n.stop()));
    },
  };
}
