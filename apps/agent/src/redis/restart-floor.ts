import { redisClusterMode } from './config-file.js';

/**
 * How long to keep a cluster member's Redis down before starting it again. Started at once it would
 * come back empty (no persistence) still owning its slots; waiting past two node timeouts lets its
 * replica be promoted, and the new server then rejoins as that replica. 0 outside a cluster.
 */
export function restartDelayFloorMs(knownNodes: number): number {
  return knownNodes > 1 ? 2 * redisClusterMode.nodeTimeoutMs + 2_000 : 0;
}
