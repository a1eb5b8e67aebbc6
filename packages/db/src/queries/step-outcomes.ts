import { and, eq, inArray, sql } from 'drizzle-orm';
import { clusters, nodes, operations, operationSteps } from '../schema/index.js';
import type { OperationStep, StepReport, Tx } from './operation-steps.js';
import { updateOperationProgress } from './operation-steps.js';

type Operation = typeof operations.$inferSelect;

/** Ends an operation and every step that has not run; the final status says why. */
export async function endOperation(
  tx: Tx,
  operationId: string,
  status: 'succeeded' | 'failed' | 'cancelled',
  error: string | null,
): Promise<void> {
  await tx
    .update(operationSteps)
    .set({ status: 'cancelled', finishedAt: sql`now()`, leaseExpiresAt: null })
    .where(
      and(
        eq(operationSteps.operationId, operationId),
        inArray(operationSteps.status, ['pending', 'running']),
      ),
    );
  await tx
    .update(operations)
    .set({
      status,
      error,
      finishedAt: sql`now()`,
      ...(status === 'succeeded' ? { progress: 1 } : {}),
    })
    .where(eq(operations.id, operationId));
}

/** What the model learns from a step that succeeded (the rest comes from topology reports). */
async function applyStepEffect(tx: Tx, step: OperationStep): Promise<void> {
  const spec = step.spec as { kind?: string; node?: { nodeId?: string } };
  // A forgotten node left the cluster: its agent is idle again.
  if (spec.kind === 'forget-node' && spec.node?.nodeId) {
    await tx.delete(nodes).where(eq(nodes.id, spec.node.nodeId));
  }
}

/** What the model learns from an operation that succeeded. */
async function applyOperationEffect(tx: Tx, operation: Operation): Promise<void> {
  if (operation.kind !== 'change-config') return;
  const params = operation.params as { maxmemory?: string | null; maxmemoryPolicy?: string | null };
  await tx
    .update(clusters)
    .set({ maxmemory: params.maxmemory ?? null, maxmemoryPolicy: params.maxmemoryPolicy ?? null })
    .where(eq(clusters.id, operation.clusterId));
}

async function succeedStep(tx: Tx, step: OperationStep, operation: Operation): Promise<void> {
  await tx
    .update(operationSteps)
    .set({ status: 'succeeded', progress: 1, finishedAt: sql`now()`, leaseExpiresAt: null })
    .where(eq(operationSteps.id, step.id));
  await applyStepEffect(tx, step);
  const left = await tx
    .select({ id: operationSteps.id })
    .from(operationSteps)
    .where(
      and(
        eq(operationSteps.operationId, operation.id),
        inArray(operationSteps.status, ['pending', 'running']),
      ),
    )
    .limit(1);
  if (left.length === 0) {
    await endOperation(tx, operation.id, 'succeeded', null);
    await applyOperationEffect(tx, operation);
  } else if (operation.cancelRequested) {
    await endOperation(tx, operation.id, 'cancelled', 'cancelled by request');
  } else {
    await updateOperationProgress(tx, operation.id);
  }
}

/** A step reported its end: success moves the operation on, failure fails (or cancels) it. */
export async function finishStep(
  tx: Tx,
  step: OperationStep,
  operation: Operation,
  report: StepReport,
): Promise<void> {
  if (report.status === 'succeeded') return succeedStep(tx, step, operation);
  const error = report.error ?? 'the step failed without an error message';
  await tx
    .update(operationSteps)
    .set({ status: 'failed', error, finishedAt: sql`now()`, leaseExpiresAt: null })
    .where(eq(operationSteps.id, step.id));
  const reason = `step ${step.position + 1} (${step.kind}) failed: ${error}`;
  await endOperation(tx, operation.id, operation.cancelRequested ? 'cancelled' : 'failed', reason);
}
