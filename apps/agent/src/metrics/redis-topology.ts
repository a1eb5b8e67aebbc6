// Replication and Redis Cluster state, read at scrape time. No labels: one agent, one Redis.
// A value that does not apply to this node (or cannot be read now) has no sample at all.
import type { Registry } from 'prom-client';
import { callbackGauge } from './callback-metrics.js';
import type { ClusterInfo } from './cluster-info.js';
import type { RedisTopology, TopologySampler } from './topology-sampler.js';

export interface RedisTopologyMetricDeps {
  topology: TopologySampler;
}

type Reading = (topology: RedisTopology) => number | null;

const flag = (value: boolean | null): number | null => (value === null ? null : Number(value));

const replication: [name: string, help: string, pick: Reading][] = [
  [
    'cachefleet_redis_role_primary',
    '1 on a primary, 0 on a replica.',
    (t) => flag(t.replication.rolePrimary),
  ],
  [
    'cachefleet_redis_connected_replicas',
    'Replicas connected to this node.',
    (t) => t.replication.connectedReplicas,
  ],
  [
    'cachefleet_redis_replication_offset_bytes',
    'Replication offset (master_repl_offset).',
    (t) => t.replication.offsetBytes,
  ],
  [
    'cachefleet_redis_replica_lag_bytes',
    'On a primary, bytes its slowest replica is behind; on a replica, bytes seen but not applied.',
    (t) => t.replication.lagBytes,
  ],
  [
    'cachefleet_redis_master_link_up',
    'Replicas only: 1 while the link to the primary is up.',
    (t) => flag(t.replication.masterLinkUp),
  ],
  [
    'cachefleet_redis_master_last_io_seconds',
    'Replicas only: seconds since the primary last sent anything.',
    (t) => t.replication.masterLastIoSeconds,
  ],
];

const cluster: [name: string, help: string, field: keyof ClusterInfo][] = [
  ['cachefleet_redis_cluster_state_ok', '1 when CLUSTER INFO says cluster_state:ok.', 'stateOk'],
  ['cachefleet_redis_cluster_slots_assigned', 'Slots assigned to some node.', 'slotsAssigned'],
  ['cachefleet_redis_cluster_slots_ok', 'Slots served by a node that is not failing.', 'slotsOk'],
  ['cachefleet_redis_cluster_slots_fail', 'Slots served by a node marked failed.', 'slotsFail'],
  ['cachefleet_redis_cluster_known_nodes', 'Nodes this node knows in its cluster.', 'knownNodes'],
  ['cachefleet_redis_cluster_slots_owned', 'Slots this node serves as a primary.', 'slotsOwned'],
];

export function register(registry: Registry, deps: RedisTopologyMetricDeps): void {
  const gauge = (name: string, help: string, pick: Reading) => {
    const read = async () => {
      const topology = await deps.topology.sample();
      return topology ? pick(topology) : null;
    };
    callbackGauge(registry, name, help, read, 'drop');
  };
  gauge(
    'cachefleet_redis_cluster_enabled',
    '1 when Redis runs with cluster-enabled, else 0.',
    (t) => (t.cluster ? 1 : 0),
  );
  for (const [name, help, pick] of replication) gauge(name, help, pick);
  for (const [name, help, field] of cluster) {
    gauge(name, help, (t) => (t.cluster ? Number(t.cluster[field]) : null));
  }
}
