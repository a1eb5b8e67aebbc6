// What the agents' Redis nodes say themselves (CLUSTER NODES on each, as the default user), so a
// journey can check "every slot has one stable owner" without trusting the console's model, and
// the cluster user an agent applied, for clients that read and write like a service.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Redis } from 'ioredis';
import {
  isPrimary,
  myself,
  parseClusterNodes,
  slotCount,
  slotOwners,
  type ClusterNode,
} from '../../src/cluster/cluster-nodes.js';
import { waitFor } from '../helpers/wait.js';
import type { FleetAgent } from './fleet-harness.js';

export interface ClusterUser {
  username: string;
  password: string;
}

/** The cluster credential the agent applied to its Redis (kept in its desired-state file). */
export async function clusterUserOf(agent: FleetAgent): Promise<ClusterUser> {
  const file = path.join(agent.config.dataDir, 'cluster-desired.json');
  const desired = await waitFor('the applied cluster credential', async () => {
    const parsed = JSON.parse(await readFile(file, 'utf8')) as {
      redisUsername: string;
      redisPassword: string;
    } | null;
    return parsed ?? undefined;
  });
  return { username: desired.redisUsername, password: desired.redisPassword };
}

export async function nodeView(agent: FleetAgent): Promise<ClusterNode[]> {
  const redis = new Redis({
    host: '127.0.0.1',
    port: agent.redisPort,
    password: agent.config.redis.password,
    maxRetriesPerRequest: 1,
  });
  redis.on('error', () => undefined);
  try {
    return parseClusterNodes(String(await redis.call('CLUSTER', 'NODES')));
  } finally {
    redis.disconnect();
  }
}

const slotTotal = 16_384;

export interface SlotState {
  /** Slots some node still has importing or migrating, as "port slot<dir>". */
  open: string[];
  /** Slots with an owner, per node's view. */
  covered: number[];
  /** How many different slot → owner maps the nodes hold (1 once they agree). */
  slotMaps: number;
  /** Primaries that own slots, per node's view. */
  owners: number[];
  /** Slots per primary in the first node's view, ascending. */
  slotCounts: number[];
}

function openSlotsOf(view: ClusterNode[]): string[] {
  const self = myself(view);
  if (!self) return ['no myself line'];
  return [
    ...[...self.migrating.keys()].map((slot) => `${self.port} ${slot}>`),
    ...[...self.importing.keys()].map((slot) => `${self.port} ${slot}<`),
  ];
}

/** The slot state of the cluster as the given agents' Redis nodes see it. */
export async function slotState(agents: FleetAgent[]): Promise<SlotState> {
  const views = await Promise.all(agents.map(nodeView));
  const maps = views.map((view) => {
    const owners = slotOwners(view);
    return Array.from({ length: slotTotal }, (_, slot) => owners.get(slot) ?? '-').join(',');
  });
  return {
    open: views.flatMap(openSlotsOf),
    covered: views.map((view) => slotOwners(view).size),
    slotMaps: new Set(maps).size,
    owners: views.map((view) => view.filter((n) => isPrimary(n) && n.slots.length > 0).length),
    slotCounts: (views[0] ?? [])
      .filter((n) => isPrimary(n) && n.slots.length > 0)
      .map(slotCount)
      .sort((a, b) => a - b),
  };
}
