// Like `redis-cli --cluster fix`: a slot nobody owns goes to the primary that still holds keys in
// it, else to the primary with the fewest slots; then a slot left open by an interrupted move is
// finished (its keys reach the target, which then owns it everywhere) and a slot only importing
// with nothing moved is closed with SETSLOT STABLE.
import { isPrimary, myself, ownsSlot, slotCount, type ClusterNode } from '../cluster-nodes.js';
import type { NodePool } from '../node-pool.js';
import { pollUntil } from '../poll.js';
import { migrateSlot, type SlotEnd } from '../slot-migration.js';
import type { StepContext } from '../step-context.js';
import type { SlotRange, StepOf } from '../step-types.js';
import { toRanges } from './assign-slots.js';

interface Member extends SlotEnd {
  self: ClusterNode;
  view: ClusterNode[];
}

async function members(pool: NodePool, spec: StepOf<'repair-slots'>): Promise<Member[]> {
  const found: Member[] = [];
  for (const node of spec.nodes) {
    const view = await pool.view(node).catch(() => null);
    const self = view ? myself(view) : undefined;
    if (view && self) found.push({ host: node.host, port: node.port, id: self.id, self, view });
  }
  return found;
}

function openSlots(primaries: Member[]): number[] {
  const slots = new Set<number>();
  for (const m of primaries)
    for (const s of [...m.self.migrating.keys(), ...m.self.importing.keys()]) slots.add(s);
  return [...slots].sort((a, b) => a - b);
}

async function keysIn(pool: NodePool, member: Member, slot: number): Promise<number> {
  return Number(await pool.get(member).call('CLUSTER', 'COUNTKEYSINSLOT', String(slot)));
}

async function closeOpenSlot(ctx: StepContext, primaries: Member[], slot: number): Promise<string> {
  const byId = new Map(primaries.map((m) => [m.id, m]));
  const source = primaries.find((m) => m.self.migrating.has(slot));
  const target = source ? byId.get(source.self.migrating.get(slot) ?? '') : undefined;
  const move = { slot, batchKeys: 100 };
  if (source && target) {
    await migrateSlot({ ...move, from: source, to: target }, ctx);
    return `slot ${slot}: finished the move ${source.port} → ${target.port}`;
  }
  const importer = primaries.find((m) => m.self.importing.has(slot));
  const owner = [...primaries]
    .filter((m) => ownsSlot(m.self, slot))
    .sort((a, b) => b.self.configEpoch - a.self.configEpoch)[0];
  if (importer && owner && owner !== importer && (await keysIn(ctx.pool, importer, slot)) > 0) {
    await migrateSlot({ ...move, from: owner, to: importer }, ctx);
    return `slot ${slot}: finished the move ${owner.port} → ${importer.port}`;
  }
  for (const m of primaries) {
    if (m.self.migrating.has(slot) || m.self.importing.has(slot)) {
      await ctx.pool.text(m, 'CLUSTER', 'SETSLOT', slot, 'STABLE');
    }
  }
  return `slot ${slot}: closed (SETSLOT STABLE)`;
}

function uncoveredSlots(all: Member[]): number[] {
  const covered = new Set<number>();
  for (const m of all)
    for (const n of m.view)
      for (const r of n.slots) for (let s = r.start; s <= r.end; s += 1) covered.add(s);
  const missing: number[] = [];
  for (let s = 0; s < 16384; s += 1) if (!covered.has(s)) missing.push(s);
  return missing;
}

/**
 * For each slot, the primary holding the most keys in it. A slot can be uncovered while a node
 * still holds its keys (a DELSLOTS, a lost config); giving it elsewhere would strand them.
 */
async function slotHolders(
  pool: NodePool,
  primaries: Member[],
  slots: number[],
): Promise<Map<number, Member>> {
  const best = new Map<number, { member: Member; keys: number }>();
  // All counts at once: ioredis pipelines the calls it is handed without waiting.
  const counts = await Promise.all(
    primaries.map((m) => Promise.all(slots.map((slot) => keysIn(pool, m, slot)))),
  );
  counts.forEach((perSlot, index) => {
    const member = primaries[index];
    perSlot.forEach((keys, i) => {
      const slot = slots[i] ?? -1;
      const held = best.get(slot);
      if (member && keys > 0 && (!held || keys > held.keys)) best.set(slot, { member, keys });
    });
  });
  return new Map([...best].map(([slot, held]) => [slot, held.member]));
}

async function give(ctx: StepContext, to: Member, range: SlotRange, why: string): Promise<void> {
  await ctx.pool.text(to, 'CLUSTER', 'ADDSLOTSRANGE', range.start, range.end);
  ctx.report({ log: `slots ${range.start}-${range.end}: uncovered, ${why} ${to.host}:${to.port}` });
}

/** Uncovered slots go to the primary that still holds their keys, the rest to the fewest slots. */
async function coverSlots(ctx: StepContext, primaries: Member[], slots: number[]): Promise<void> {
  const holders = await slotHolders(ctx.pool, primaries, slots);
  for (const m of primaries) {
    const held = slots.filter((slot) => holders.get(slot) === m);
    for (const range of toRanges(held)) await give(ctx, m, range, 'given back to its keys on');
  }
  const counts = new Map(primaries.map((m) => [m.id, slotCount(m.self)]));
  for (const range of toRanges(slots.filter((slot) => !holders.has(slot)))) {
    const fewest = [...primaries].sort(
      (a, b) => (counts.get(a.id) ?? 0) - (counts.get(b.id) ?? 0),
    )[0];
    if (!fewest) throw new Error('no reachable primary to give uncovered slots to');
    await give(ctx, fewest, range, 'given to');
    counts.set(fewest.id, (counts.get(fewest.id) ?? 0) + range.end - range.start + 1);
  }
}

async function allOk(ctx: StepContext, primaries: Member[]): Promise<boolean> {
  for (const m of primaries) {
    if (!(await ctx.pool.text(m, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) return false;
  }
  return true;
}

export async function runRepairSlots(
  spec: StepOf<'repair-slots'>,
  ctx: StepContext,
): Promise<void> {
  const all = await members(ctx.pool, spec);
  const primaries = all.filter((m) => isPrimary(m.self));
  // Uncovered slots first: while any slot is uncovered the cluster is down and refuses MIGRATE.
  const uncovered = uncoveredSlots(all);
  if (uncovered.length > 0) {
    await coverSlots(ctx, primaries, uncovered);
    await pollUntil('cluster_state:ok after covering slots', () => allOk(ctx, primaries), {
      timeoutMs: 30_000,
      signal: ctx.signal,
    });
  }
  const open = openSlots(primaries);
  for (const [index, slot] of open.entries()) {
    ctx.signal.throwIfAborted();
    const log = await closeOpenSlot(ctx, primaries, slot);
    ctx.report({ progress: (index + 1) / (open.length + 1), log });
  }
  ctx.report({
    progress: 1,
    log: `repaired ${open.length} open and ${uncovered.length} uncovered slots`,
  });
}
