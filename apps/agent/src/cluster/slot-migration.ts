// Moves one hash slot from one primary to another the way redis-cli does, safe to run again at
// any point: IMPORTING on the target, MIGRATING on the source, MIGRATE keys in batches until the
// source is empty, then SETSLOT NODE on the target, the source and every other primary.
import { isFailing, isPrimary, myself, ownsSlot, type ClusterNode } from './cluster-nodes.js';
import { addressKey, type NodeAddress, type NodePool } from './node-pool.js';
import { sleep } from './poll.js';
import type { StepContext } from './step-context.js';

export interface SlotEnd extends NodeAddress {
  id: string;
}

export interface SlotMove {
  slot: number;
  from: SlotEnd;
  to: SlotEnd;
  batchKeys: number;
  migrateTimeoutMs?: number;
}

function self(view: ClusterNode[], where: NodeAddress): ClusterNode {
  const node = myself(view);
  if (!node) throw new Error(`${addressKey(where)} did not list itself in CLUSTER NODES`);
  return node;
}

/** 1. Open the slot on both ends (each SETSLOT only when that end is not already in that state). */
async function openSlot(pool: NodePool, move: SlotMove): Promise<void> {
  const { slot, from, to } = move;
  const target = self(await pool.view(to), to);
  if (!ownsSlot(target, slot) && target.importing.get(slot) !== from.id) {
    await pool.text(to, 'CLUSTER', 'SETSLOT', slot, 'IMPORTING', from.id);
  }
  const source = self(await pool.view(from), from);
  if (ownsSlot(source, slot) && source.migrating.get(slot) !== to.id) {
    await pool.text(from, 'CLUSTER', 'SETSLOT', slot, 'MIGRATING', to.id);
  }
}

async function keysLeft(pool: NodePool, node: NodeAddress, slot: number): Promise<number> {
  return Number(await pool.get(node).call('CLUSTER', 'COUNTKEYSINSLOT', String(slot)));
}

/** Errors a moment later may not repeat: the target still joining, a failover, a slow link. */
const transient = /CLUSTERDOWN|TRYAGAIN|IOERR|timeout|LOADING/i;
const migrateAttempts = 20;

async function migrateBatch(
  pool: NodePool,
  move: SlotMove,
  keys: string[],
  signal: AbortSignal,
): Promise<void> {
  const { from, to } = move;
  const { username, password } = pool.credentials;
  const timeout = String(move.migrateTimeoutMs ?? 10_000);
  const args = [to.host, String(to.port), '', '0', timeout, 'REPLACE', 'AUTH2', username, password];
  for (let attempt = 1; ; attempt += 1) {
    try {
      await pool.get(from).call('MIGRATE', ...args, 'KEYS', ...keys);
      return;
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      if (attempt >= migrateAttempts || !transient.test(message)) throw error;
      await sleep(250, signal);
    }
  }
}

/** 2. MIGRATE batches (REPLACE: the source's copy is the current one) until the source is empty. */
async function moveKeys(pool: NodePool, move: SlotMove, signal: AbortSignal): Promise<number> {
  let moved = 0;
  for (;;) {
    signal.throwIfAborted();
    const reply = await pool
      .get(move.from)
      .call('CLUSTER', 'GETKEYSINSLOT', String(move.slot), String(move.batchKeys));
    const keys = reply as string[];
    if (keys.length === 0) return moved;
    await migrateBatch(pool, move, keys, signal);
    moved += keys.length;
  }
}

/** Primaries other than the two ends that should learn the new owner. */
async function otherPrimaries(pool: NodePool, move: SlotMove): Promise<ClusterNode[]> {
  const view = await pool.view(move.to);
  return view.filter(
    (n) => isPrimary(n) && !isFailing(n) && n.id !== move.from.id && n.id !== move.to.id,
  );
}

/**
 * Redis ≥ 7 turns a primary that gave away its last slot into a replica of the node that took it
 * (cluster-allow-replica-migration) as soon as the target's new epoch reaches it, and a replica
 * refuses SETSLOT; it closed its open slots on the way and follows the new owner anyway.
 */
const becameReplica = /Please use SETSLOT only with masters/;

async function setOwnerOnSource(pool: NodePool, move: SlotMove): Promise<void> {
  try {
    await pool.text(move.from, 'CLUSTER', 'SETSLOT', move.slot, 'NODE', move.to.id);
  } catch (error) {
    if (!(error instanceof Error && becameReplica.test(error.message))) throw error;
  }
}

/** 3. Give the slot to the target everywhere, only once the source holds no key of it. */
async function closeSlot(pool: NodePool, move: SlotMove): Promise<void> {
  const { slot, from, to } = move;
  const left = await keysLeft(pool, from, slot);
  if (left > 0) throw new Error(`slot ${slot} still has ${left} keys on ${addressKey(from)}`);
  await pool.text(to, 'CLUSTER', 'SETSLOT', slot, 'NODE', to.id);
  await setOwnerOnSource(pool, move);
  for (const other of await otherPrimaries(pool, move)) {
    // A primary that is briefly unreachable learns the owner through gossip instead.
    await pool.text(other, 'CLUSTER', 'SETSLOT', slot, 'NODE', to.id).catch(() => undefined);
  }
}

/** Returns how many keys moved; a slot the target already owns and the source has closed is a no-op. */
export async function migrateSlot(
  move: SlotMove,
  ctx: Pick<StepContext, 'pool' | 'signal'>,
): Promise<number> {
  const { pool, signal } = ctx;
  const target = self(await pool.view(move.to), move.to);
  const source = self(await pool.view(move.from), move.from);
  const targetDone = ownsSlot(target, move.slot) && !target.importing.has(move.slot);
  const sourceDone = !ownsSlot(source, move.slot) && !source.migrating.has(move.slot);
  if (targetDone && sourceDone && (await keysLeft(pool, move.from, move.slot)) === 0) return 0;
  if (!targetDone && !ownsSlot(source, move.slot) && !source.migrating.has(move.slot)) {
    throw new Error(
      `slot ${move.slot} is owned by neither ${addressKey(move.from)} nor ${addressKey(move.to)}`,
    );
  }
  await openSlot(pool, move);
  const moved = await moveKeys(pool, move, signal);
  await closeSlot(pool, move);
  return moved;
}
