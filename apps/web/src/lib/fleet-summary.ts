import type { Node, NodeStatus } from './types';

export interface FleetSummary {
  total: number;
  byStatus: Record<NodeStatus, number>;
  usedMemoryBytes: number;
  maxMemoryBytes: number;
  opsPerSec: number;
  keys: number;
}

/** Totals across the fleet; nodes that have not reported stats count only toward status. */
export function summarizeFleet(nodes: readonly Node[]): FleetSummary {
  const byStatus: Record<NodeStatus, number> = { healthy: 0, degraded: 0, down: 0, pending: 0 };
  const summary: FleetSummary = {
    total: nodes.length,
    byStatus,
    usedMemoryBytes: 0,
    maxMemoryBytes: 0,
    opsPerSec: 0,
    keys: 0,
  };
  for (const node of nodes) {
    byStatus[node.status] += 1;
    if (!node.stats) continue;
    summary.usedMemoryBytes += node.stats.usedMemoryBytes;
    summary.maxMemoryBytes += node.stats.maxMemoryBytes;
    summary.opsPerSec += node.stats.opsPerSec;
    summary.keys += node.stats.keys;
  }
  return summary;
}
