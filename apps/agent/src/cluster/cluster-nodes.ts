// Parses CLUSTER NODES: `<id> <ip:port@cport[,hostname]> <flags> <primary> <ping> <pong> <epoch>
// <link> <slot>…`, where a slot entry is `n`, `a-b`, `[n->-<id>]` (migrating) or `[n-<-<id>]`
// (importing).
import type { SlotRange } from './step-types.js';

export interface ClusterNode {
  id: string;
  host: string;
  port: number;
  flags: string[];
  /** The primary's id on a replica; null on a primary. */
  primaryId: string | null;
  linkConnected: boolean;
  configEpoch: number;
  slots: SlotRange[];
  /** slot → target node id, on the node that is sending the slot. */
  migrating: Map<number, string>;
  /** slot → source node id, on the node that is receiving the slot. */
  importing: Map<number, string>;
}

export function isPrimary(node: ClusterNode): boolean {
  return node.flags.includes('master');
}

export function isFailing(node: ClusterNode): boolean {
  return node.flags.includes('fail') || node.flags.includes('fail?');
}

function parseAddress(address: string): { host: string; port: number } {
  const hostPort = address.split('@')[0] ?? '';
  const colon = hostPort.lastIndexOf(':');
  return { host: hostPort.slice(0, colon), port: Number(hostPort.slice(colon + 1)) };
}

function addSlotEntry(node: ClusterNode, entry: string): void {
  const open = /^\[(\d+)-([<>])-([0-9a-f]+)\]$/.exec(entry);
  if (open?.[1] && open[3]) {
    const target = open[2] === '>' ? node.migrating : node.importing;
    target.set(Number(open[1]), open[3]);
    return;
  }
  const range = /^(\d+)(?:-(\d+))?$/.exec(entry);
  if (!range?.[1]) return;
  const start = Number(range[1]);
  node.slots.push({ start, end: range[2] === undefined ? start : Number(range[2]) });
}

function parseLine(line: string): ClusterNode | null {
  const fields = line.trim().split(' ');
  const [id, address, flags, primary, , , epoch, link] = fields;
  if (!id || !address || !flags || !primary || !link) return null;
  const node: ClusterNode = {
    id,
    ...parseAddress(address),
    flags: flags.split(','),
    primaryId: primary === '-' ? null : primary,
    linkConnected: link === 'connected',
    configEpoch: Number(epoch),
    slots: [],
    migrating: new Map(),
    importing: new Map(),
  };
  for (const entry of fields.slice(8)) addSlotEntry(node, entry);
  return node;
}

export function parseClusterNodes(text: string): ClusterNode[] {
  return text
    .split('\n')
    .map(parseLine)
    .filter((n): n is ClusterNode => n !== null);
}

export function myself(nodes: ClusterNode[]): ClusterNode | undefined {
  return nodes.find((n) => n.flags.includes('myself'));
}

export function ownsSlot(node: ClusterNode, slot: number): boolean {
  return node.slots.some((r) => r.start <= slot && slot <= r.end);
}

export function slotCount(node: ClusterNode): number {
  return node.slots.reduce((sum, r) => sum + r.end - r.start + 1, 0);
}

/** slot → owner id, as this node's view says. */
export function slotOwners(nodes: ClusterNode[]): Map<number, string> {
  const owners = new Map<number, string>();
  for (const node of nodes) {
    for (const r of node.slots) for (let s = r.start; s <= r.end; s += 1) owners.set(s, node.id);
  }
  return owners;
}

export function expandRanges(ranges: SlotRange[]): number[] {
  const slots: number[] = [];
  for (const r of ranges) for (let s = r.start; s <= r.end; s += 1) slots.push(s);
  return slots;
}
