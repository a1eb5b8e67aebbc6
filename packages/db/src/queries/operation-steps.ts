import { and, asc, eq, inArray, lt, or, sql } from 'drizzle-orm';
import type { Database } from '../client.js';
import { clusters, nodes, operations, operationSteps } from '../schema/index.js';
import { finishStep } from './step-outcomes.js';

export type OperationStep = typeof operationSteps.$inferSelect;

/** A step handed to an agent, with the cluster whose credential it must use. */
export interface ClaimedStep {
  step: OperationStep;
  clusterId: string;
  redisUsername: string;
  redisPasswordSealed: string | null;
}

/** How many log lines a step keeps (the newest). */
export const maxStepLogLines = 500;

const runnable = and(
  eq(operations.status, 'running'),
  eq(operations.cancelRequested, false),
  or(
    eq(operationSteps.status, 'pending'),
    and(eq(operationSteps.status, 'running'), lt(operationSteps.leaseExpiresAt, sql`now()`)),
  ),
  // Every earlier step of the operation succeeded.
  sql`not exists (select 1 from ${operationSteps} as earlier
        where earlier.operation_id = ${operationSteps.operationId}
          and earlier.position < ${operationSteps.position}
          and earlier.status <> 'succeeded')`,
);

/**
 * Claims the next runnable step of a running operation on a cluster the agent belongs to, with a
 * lease; a step re-claimed after its lease expired gets the next attempt number (and keeps its
 * checkpoint). `SKIP LOCKED` lets concurrent claimers pass each other instead of waiting.
 */
export async function claimStep(
  db: Database,
  agentId: string,
  leaseMs: number,
): Promise<ClaimedStep | null> {
  return db.transaction(async (tx) => {
    const memberOf = tx
      .select({ id: nodes.clusterId })
      .from(nodes)
      .where(eq(nodes.agentId, agentId));
    const [found] = await tx
      .select({ step: operationSteps, cluster: clusters })
      .from(operationSteps)
      .innerJoin(operations, eq(operations.id, operationSteps.operationId))
      .innerJoin(clusters, eq(clusters.id, operations.clusterId))
      .where(and(runnable, inArray(operations.clusterId, memberOf)))
      .orderBy(asc(operations.createdAt), asc(operationSteps.position))
      .limit(1)
      .for('update', { of: operationSteps, skipLocked: true });
    if (!found) return null;
    const [step] = await tx
      .update(operationSteps)
      .set({
        status: 'running',
        attempt: sql`${operationSteps.attempt} + 1`,
        leaseOwner: agentId,
        leaseMs,
        leaseExpiresAt: sql`now() + ${`${leaseMs} milliseconds`}::interval`,
        startedAt: sql`coalesce(${operationSteps.startedAt}, now())`,
      })
      .where(eq(operationSteps.id, found.step.id))
      .returning();
    if (!step) return null;
    return {
      step,
      clusterId: found.cluster.id,
      redisUsername: found.cluster.redisUsername,
      redisPasswordSealed: found.cluster.redisPasswordSealed,
    };
  });
}

export interface StepReport {
  stepId: string;
  attempt: number;
  status: 'running' | 'succeeded' | 'failed';
  progress: number;
  checkpoint?: unknown;
  log?: string[] | undefined;
  error?: string | undefined;
}

export interface StepReportOutcome {
  leaseLost: boolean;
  cancelRequested: boolean;
}

/**
 * Records an executor's report: renews the lease, stores progress, checkpoint and log lines, and
 * when the step ends moves its operation on (next step, success, failure or cancellation). A report
 * for an attempt that is no longer current changes nothing and says the lease is lost.
 */
export async function reportStep(db: Database, report: StepReport): Promise<StepReportOutcome> {
  return db.transaction(async (tx) => {
    const [row] = await tx
      .select({ step: operationSteps, operation: operations })
      .from(operationSteps)
      .innerJoin(operations, eq(operations.id, operationSteps.operationId))
      .where(eq(operationSteps.id, report.stepId))
      .for('update', { of: operationSteps });
    if (!row) return { leaseLost: true, cancelRequested: false };
    const { step, operation } = row;
    const current =
      step.status === 'running' &&
      step.attempt === report.attempt &&
      operation.status === 'running';
    if (!current) return { leaseLost: true, cancelRequested: operation.cancelRequested };
    const log = [...step.log, ...(report.log ?? [])].slice(-maxStepLogLines);
    await tx
      .update(operationSteps)
      .set({
        progress: report.progress,
        log,
        ...(report.checkpoint !== undefined ? { checkpoint: report.checkpoint } : {}),
        leaseExpiresAt: sql`now() + ${`${step.leaseMs} milliseconds`}::interval`,
      })
      .where(eq(operationSteps.id, step.id));
    if (report.status !== 'running') await finishStep(tx, step, operation, report);
    else await updateOperationProgress(tx, operation.id);
    return { leaseLost: false, cancelRequested: operation.cancelRequested };
  });
}

type Tx = Parameters<Parameters<Database['transaction']>[0]>[0];

/** Operation progress: finished steps plus the running step's own fraction, over all steps. */
export async function updateOperationProgress(tx: Tx, operationId: string): Promise<void> {
  await tx
    .update(operations)
    .set({
      progress: sql`(select coalesce(sum(case when s.status = 'succeeded' then 1 else s.progress end)
                    / nullif(count(*), 0), 0)
                    from ${operationSteps} as s where s.operation_id = ${operationId})`,
    })
    .where(eq(operations.id, operationId));
}

export type { Tx };
