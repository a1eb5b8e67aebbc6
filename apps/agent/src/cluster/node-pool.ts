// One ioredis connection per cluster node for the length of a step, as the cluster user; all of
// them are closed when the step ends.
import { Redis } from 'ioredis';
import { parseClusterNodes, type ClusterNode } from './cluster-nodes.js';
import type { NodeRef } from './step-types.js';

export interface ClusterCredentials {
  username: string;
  password: string;
}

export interface NodeAddress {
  host: string;
  port: number;
}

export const addressKey = (node: NodeAddress): string => `${node.host}:${node.port}`;

export class NodePool {
  private readonly clients = new Map<string, Redis>();

  constructor(
    readonly credentials: ClusterCredentials,
    private readonly commandTimeoutMs = 30_000,
  ) {}

  get(node: NodeAddress): Redis {
    const key = addressKey(node);
    const existing = this.clients.get(key);
    if (existing && existing.status !== 'end') return existing;
    const client = new Redis({
      host: node.host,
      port: node.port,
      username: this.credentials.username,
      password: this.credentials.password,
      connectTimeout: 3_000,
      commandTimeout: this.commandTimeoutMs,
      maxRetriesPerRequest: 1,
      retryStrategy: () => 200,
    });
    // A node may be down on purpose (failover, forget); commands report it, not this handler.
    client.on('error', () => undefined);
    this.clients.set(key, client);
    return client;
  }

  async text(node: NodeAddress, command: string, ...args: (string | number)[]): Promise<string> {
    const reply = await this.get(node).call(command, ...args.map(String));
    if (typeof reply === 'string') return reply;
    if (Buffer.isBuffer(reply)) return reply.toString('utf8');
    throw new Error(`unexpected reply to ${command} from ${addressKey(node)}`);
  }

  async view(node: NodeAddress): Promise<ClusterNode[]> {
    return parseClusterNodes(await this.text(node, 'CLUSTER', 'NODES'));
  }

  myId(node: NodeRef): Promise<string> {
    return this.text(node, 'CLUSTER', 'MYID');
  }

  close(): void {
    for (const client of this.clients.values()) client.disconnect();
    this.clients.clear();
  }
}
