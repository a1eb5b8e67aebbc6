import type { Cluster } from 'ioredis';
import type { AffectedSlots } from './driver.js';
import { isCluster, type RedisClient } from './redis-client.js';

/** Calls `listener` on failovers and slot moves (see L2Driver.onTopologyChange); returns an unsubscribe. */
export function watchTopology(
  client: RedisClient,
  listener: (slots: AffectedSlots) => void,
): () => void {
  if (isCluster(client)) return watchCluster(client, listener);
  // A standalone server that dropped the connection may have restarted empty or failed over.
  const onClose = (): void => {
    listener('all');
  };
  client.on('close', onClose);
  return () => client.off('close', onClose);
}

/** Diffs the slot → primary map on every refresh; slots whose primary changed are affected. */
function watchCluster(cluster: Cluster, listener: (slots: AffectedSlots) => void): () => void {
  let owners = snapshotOwners(cluster);
  const onRefresh = (): void => {
    const next = snapshotOwners(cluster);
    const changed = new Set<number>();
    for (let slot = 0; slot < 16384; slot++) {
      if (owners[slot] !== next[slot] && owners[slot] !== undefined) changed.add(slot);
    }
    owners = next;
    if (changed.size > 0) listener(changed);
  };
  const onNodeGone = (): void => {
    // The refresh that follows names the slots; until then the node's slots are unknown.
    listener('all');
  };
  cluster.on('refresh', onRefresh);
  cluster.on('-node', onNodeGone);
  return () => {
    cluster.off('refresh', onRefresh);
    cluster.off('-node', onNodeGone);
  };
}

function snapshotOwners(cluster: Cluster): (string | undefined)[] {
  const owners = new Array<string | undefined>(16384);
  for (let slot = 0; slot < 16384; slot++) owners[slot] = cluster.slots[slot]?.[0];
  return owners;
}
