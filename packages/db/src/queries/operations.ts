import { and, asc, desc, eq, exists, gt, inArray, lt, not, or, sql, type SQL } from 'drizzle-orm';
import type { Database } from '../client.js';
import {
  clusters,
  nodes,
  operations,
  operationSteps,
  type OperationKind,
} from '../schema/index.js';
import type { Tx } from './operation-steps.js';
import { endOperation } from './step-outcomes.js';

export type Operation = typeof operations.$inferSelect;
export type NewCluster = typeof clusters.$inferInsert & { id: string };
export type NewNode = typeof nodes.$inferInsert & { id: string };

export interface OperationStart {
  clusterId: string;
  kind: OperationKind;
  params: Record<string, unknown>;
  createdBy: string;
  /** StepSpecs, in order (validated by the caller). */
  steps: { kind: string }[];
  /** A cluster to create first (create-cluster). */
  newCluster?: NewCluster | undefined;
  /** Nodes the operation brings into the cluster; their agents may claim its steps. */
  newNodes?: NewNode[] | undefined;
}

export type StartRefusal = 'busy' | 'unknown-cluster' | 'agent-taken';

const active = inArray(operations.status, ['pending', 'running']);

async function lockCluster(tx: Tx, id: string): Promise<boolean> {
  const rows = await tx
    .select({ id: clusters.id })
    .from(clusters)
    .where(eq(clusters.id, id))
    .for('update');
  return rows.length > 0;
}

/**
 * Starts an operation atomically: locks the cluster row so that two starts serialise, refuses when
 * another operation is still active (one at a time per cluster), then writes the new cluster and
 * nodes (if any), the operation (running) and its ordered steps.
 */
export async function startOperation(
  db: Database,
  start: OperationStart,
): Promise<{ ok: true; operation: Operation } | { ok: false; reason: StartRefusal }> {
  return db.transaction(async (tx) => {
    if (start.newCluster) await tx.insert(clusters).values(start.newCluster);
    if (!(await lockCluster(tx, start.clusterId)))
      return { ok: false as const, reason: 'unknown-cluster' as const };
    const busy = await tx
      .select({ id: operations.id })
      .from(operations)
      .where(and(eq(operations.clusterId, start.clusterId), active))
      .limit(1);
    if (busy.length > 0) return { ok: false as const, reason: 'busy' as const };
    if (start.newNodes?.length) {
      const agentIds = start.newNodes.map((n) => n.agentId);
      const taken = await tx
        .select({ id: nodes.id })
        .from(nodes)
        .where(inArray(nodes.agentId, agentIds))
        .limit(1);
      if (taken.length > 0) return { ok: false as const, reason: 'agent-taken' as const };
      await tx.insert(nodes).values(start.newNodes);
    }
    const [operation] = await tx
      .insert(operations)
      .values({
        clusterId: start.clusterId,
        kind: start.kind,
        params: start.params,
        createdBy: start.createdBy,
        status: 'running',
        startedAt: sql`now()`,
      })
      .returning();
    if (!operation) throw new Error('insert returned no row');
    const steps = start.steps.map((spec, position) => ({
      operationId: operation.id,
      position,
      kind: spec.kind,
      spec,
    }));
    if (steps.length > 0) await tx.insert(operationSteps).values(steps);
    return { ok: true as const, operation };
  });
}

const liveLease = (operationId: SQL | string) =>
  exists(
    sql`(select 1 from ${operationSteps} as s where s.operation_id = ${operationId}
         and s.status = 'running' and s.lease_expires_at > now())`,
  );

export type CancelOutcome =
  | { ok: true; status: 'cancelled' | 'cancel-requested' }
  | { ok: false; reason: 'unknown' | 'finished' | 'unsafe' };

/**
 * Cancels at once when no step is executing; otherwise asks the executor to stop between slots.
 * Refused while a forget is executing: a half-forgotten node is worse than a finished removal.
 */
export async function cancelOperation(db: Database, id: string): Promise<CancelOutcome> {
  return db.transaction(async (tx) => {
    const [op] = await tx.select().from(operations).where(eq(operations.id, id)).for('update');
    if (!op) return { ok: false as const, reason: 'unknown' as const };
    if (op.status !== 'running' && op.status !== 'pending')
      return { ok: false as const, reason: 'finished' as const };
    const executing = await tx
      .select({ kind: operationSteps.kind })
      .from(operationSteps)
      .where(
        and(
          eq(operationSteps.operationId, id),
          eq(operationSteps.status, 'running'),
          gt(operationSteps.leaseExpiresAt, sql`now()`),
        ),
      );
    if (executing.some((s) => s.kind === 'forget-node'))
      return { ok: false as const, reason: 'unsafe' as const };
    if (executing.length === 0) {
      await endOperation(tx, id, 'cancelled', 'cancelled by request');
      return { ok: true as const, status: 'cancelled' as const };
    }
    await tx.update(operations).set({ cancelRequested: true }).where(eq(operations.id, id));
    return { ok: true as const, status: 'cancel-requested' as const };
  });
}

/** Ends operations whose cancel was requested and whose executor is gone (its lease expired). */
export async function settleAbandonedCancels(db: Database): Promise<void> {
  const stale = await db
    .select({ id: operations.id })
    .from(operations)
    .where(
      and(
        eq(operations.status, 'running'),
        eq(operations.cancelRequested, true),
        not(liveLease(sql`${operations.id}`)),
      ),
    );
  for (const { id } of stale) {
    await db.transaction((tx) => endOperation(tx, id, 'cancelled', 'cancelled by request'));
  }
}

export async function findActiveOperation(
  db: Database,
  clusterId: string,
): Promise<Operation | undefined> {
  const [row] = await db
    .select()
    .from(operations)
    .where(and(eq(operations.clusterId, clusterId), active))
    .limit(1);
  return row;
}

export interface OperationPage {
  clusterId?: string | undefined;
  limit: number;
  /** The `createdAt` ISO time and id of the last row of the previous page. */
  cursor?: { createdAt: string; id: string } | undefined;
}

export async function listOperations(db: Database, page: OperationPage): Promise<Operation[]> {
  const after = page.cursor
    ? or(
        lt(operations.createdAt, new Date(page.cursor.createdAt)),
        and(
          eq(operations.createdAt, new Date(page.cursor.createdAt)),
          lt(operations.id, page.cursor.id),
        ),
      )
    : undefined;
  return db
    .select()
    .from(operations)
    .where(and(page.clusterId ? eq(operations.clusterId, page.clusterId) : undefined, after))
    .orderBy(desc(operations.createdAt), desc(operations.id))
    .limit(page.limit);
}

export async function findOperation(db: Database, id: string) {
  const [operation] = await db.select().from(operations).where(eq(operations.id, id)).limit(1);
  if (!operation) return undefined;
  const steps = await db
    .select()
    .from(operationSteps)
    .where(eq(operationSteps.operationId, id))
    .orderBy(asc(operationSteps.position));
  return { ...operation, steps };
}
