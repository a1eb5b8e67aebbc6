import type { NodeHealth, ObservedNode, OpenSlot } from '@cachefleet/db';
import type { SlotRange } from './step-spec.js';

/** Splits `ip:port@cport[,hostname]` into host and port; null for `:0` (noaddr) forms. */
function parseAddress(field: string): { host: string; port: number } | null {
  const address = field.split('@')[0] ?? '';
  const colon = address.lastIndexOf(':');
  const port = Number(address.slice(colon + 1));
  const host = address.slice(0, colon);
  if (colon < 0 || !Number.isInteger(port) || port <= 0) return null;
  return { host, port };
}

function healthOf(flags: Set<string>, linkState: string | undefined): NodeHealth {
  if (flags.has('fail')) return 'fail';
  if (flags.has('fail?')) return 'pfail';
  if (flags.has('handshake') || flags.has('noaddr') || linkState === 'disconnected') {
    return 'disconnected';
  }
  return 'ok';
}

/** `0-5460`, `5461`, `[5461->-id]` (migrating) or `[5461-<-id]` (importing). */
function addSlotField(field: string, slots: SlotRange[], open: OpenSlot[]): void {
  const bracket = /^\[(\d+)-([<>])-([0-9a-f]+)\]$/.exec(field);
  if (bracket) {
    const [, slot, arrow, peer] = bracket;
    open.push({
      slot: Number(slot),
      state: arrow === '>' ? 'migrating' : 'importing',
      peerRedisId: peer ?? '',
    });
    return;
  }
  const range = /^(\d+)(?:-(\d+))?$/.exec(field);
  if (!range) return;
  const start = Number(range[1]);
  slots.push({ start, end: range[2] === undefined ? start : Number(range[2]) });
}

function parseLine(line: string): ObservedNode | null {
  const fields = line.trim().split(/\s+/);
  const [redisId, addressField, flagField, primary, , , , linkState, ...slotFields] = fields;
  if (!redisId || !addressField || !flagField || primary === undefined) return null;
  const flags = new Set(flagField.split(','));
  const address = parseAddress(addressField);
  if (!address) return null;
  const slots: SlotRange[] = [];
  const openSlots: OpenSlot[] = [];
  for (const field of slotFields) addSlotField(field, slots, openSlots);
  const replica = flags.has('slave');
  return {
    redisId,
    ...address,
    myself: flags.has('myself'),
    role: replica ? 'replica' : 'primary',
    primaryId: replica && primary !== '-' ? primary : null,
    health: healthOf(flags, linkState),
    slots,
    openSlots,
  };
}

/**
 * Parses the raw text of `CLUSTER NODES` (one node per line). Nodes without a usable address
 * (`noaddr` with `:0`) are left out: they can't be matched to an agent.
 */
export function parseClusterNodes(text: string): ObservedNode[] {
  return text
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map(parseLine)
    .filter((node): node is ObservedNode => node !== null);
}
