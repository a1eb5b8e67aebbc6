import type { ClusterModel } from '@cachefleet/db';
import { describe, expect, it } from 'vitest';
import { clusterView } from './cluster-view.js';

type ModelNode = ClusterModel['nodes'][number];

const now = new Date('2026-01-01T00:00:00Z');

function node(id: string, fields: Partial<ModelNode>): ModelNode {
  return {
    id,
    clusterId: 'c1',
    agentId: `agent-${id}`,
    agentName: id,
    redisNodeId: null,
    role: 'primary',
    replicaOf: null,
    host: '127.0.0.1',
    port: 7000,
    health: 'ok',
    openSlots: [],
    replication: null,
    lastSeenAt: now,
    createdAt: now,
    ...fields,
  };
}

function model(nodes: ModelNode[]): ClusterModel {
  return {
    cluster: {
      id: 'c1',
      name: 'c1',
      state: 'pending',
      redisUsername: 'cachefleet',
      redisPasswordSealed: 'sealed',
      maxmemory: null,
      maxmemoryPolicy: null,
      info: null,
      infoAt: null,
      createdAt: now,
    },
    nodes,
    slotRanges: [],
  };
}

describe('clusterView', () => {
  it('lists a replica under its own primary only', () => {
    const view = clusterView(
      model([
        node('p1', { redisNodeId: 'aaa' }),
        node('p2', { redisNodeId: 'bbb' }),
        node('r1', { role: 'replica', redisNodeId: 'ccc', replicaOf: 'bbb' }),
      ]),
      now,
    );
    const replicasOf = (id: string) =>
      view.primaries.find((p) => p.id === id)?.replicas.map((r) => r.id);
    expect(replicasOf('p1')).toEqual([]);
    expect(replicasOf('p2')).toEqual(['r1']);
    expect(view.unattachedReplicas).toEqual([]);
  });

  it('before the nodes joined (no Redis ids yet), no replica is attached to any primary', () => {
    const view = clusterView(
      model([
        node('p1', {}),
        node('p2', {}),
        node('r1', { role: 'replica' }),
        node('r2', { role: 'replica' }),
      ]),
      now,
    );
    expect(view.primaries.map((p) => p.replicas.length)).toEqual([0, 0]);
    expect(view.unattachedReplicas.map((r) => r.id)).toEqual(['r1', 'r2']);
    expect(view.nodes.map((n) => n.replicationLagBytes)).toEqual([null, null, null, null]);
    // The secret never leaves the model.
    expect(view.cluster).not.toHaveProperty('redisPasswordSealed');
  });
});
