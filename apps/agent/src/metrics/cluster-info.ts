// CLUSTER INFO and this node's line of CLUSTER NODES, as numbers the metrics report.
import { parseInfo } from '../redis/info.js';

export interface ClusterInfo {
  stateOk: boolean;
  slotsAssigned: number;
  slotsOk: number;
  slotsFail: number;
  knownNodes: number;
  /** Slots this node serves as a primary (0 on a replica). */
  slotsOwned: number;
}

function count(fields: Map<string, string>, name: string): number {
  const value = Number(fields.get(name));
  return Number.isFinite(value) ? value : 0;
}

/** `0-5460`, `5461` count; `[5462->-<id>]` / `[5462-<-<id>]` (migrating/importing) do not. */
function slotCount(entries: string[]): number {
  let slots = 0;
  for (const entry of entries) {
    const match = /^(\d+)(?:-(\d+))?$/.exec(entry);
    if (!match?.[1]) continue;
    const first = Number(match[1]);
    slots += (match[2] === undefined ? first : Number(match[2])) - first + 1;
  }
  return slots;
}

/**
 * CLUSTER NODES lines are `<id> <addr> <flags> <primary> <ping> <pong> <epoch> <link> <slot>…`;
 * the `myself` line, when its flags say `master`, lists the slots this node serves.
 */
export function ownedSlots(nodesText: string): number {
  for (const line of nodesText.split('\n')) {
    const fields = line.trim().split(' ');
    const flags = (fields[2] ?? '').split(',');
    if (!flags.includes('myself')) continue;
    return flags.includes('master') ? slotCount(fields.slice(8)) : 0;
  }
  return 0;
}

export function readClusterInfo(infoText: string, nodesText: string): ClusterInfo {
  const fields = parseInfo(infoText);
  return {
    stateOk: fields.get('cluster_state') === 'ok',
    slotsAssigned: count(fields, 'cluster_slots_assigned'),
    slotsOk: count(fields, 'cluster_slots_ok'),
    slotsFail: count(fields, 'cluster_slots_fail'),
    knownNodes: count(fields, 'cluster_known_nodes'),
    slotsOwned: ownedSlots(nodesText),
  };
}
