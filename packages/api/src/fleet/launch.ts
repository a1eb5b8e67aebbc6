import { startOperation, type OperationStart, type StartRefusal } from '@cachefleet/db';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import { stepSpec, type StepSpec } from './step-spec.js';

const refusals: Record<StartRefusal, () => Error> = {
  busy: () =>
    appError(
      'CONFLICT',
      'E_OPERATION_RUNNING',
      'another operation is running on this cluster; wait for it to finish or cancel it',
    ),
  'unknown-cluster': () => appError('NOT_FOUND', 'E_CLUSTER_NOT_FOUND', 'no such cluster'),
  'agent-taken': () =>
    appError('CONFLICT', 'E_AGENT_IN_CLUSTER', 'an agent asked for already runs a cluster node'),
};

/** Who the operation's `createdBy` names: the user's email, the agent or the system actor. */
export function actorLabel(ctx: Context): string {
  return ctx.user?.email ?? ctx.agent?.name ?? ctx.systemActor ?? 'system';
}

/**
 * Starts an operation (validating every planned step against the contract first), turns the
 * database's refusals into coded errors, and audits the start.
 */
export async function launchOperation(
  ctx: Context,
  start: Omit<OperationStart, 'createdBy' | 'steps'> & { steps: StepSpec[] },
) {
  if (start.steps.length === 0) {
    throw appError('PRECONDITION_FAILED', 'E_NOTHING_TO_DO', 'this operation would have no steps');
  }
  const steps = start.steps.map((s) => stepSpec.parse(s));
  const result = await startOperation(ctx.db, { ...start, steps, createdBy: actorLabel(ctx) });
  if (!result.ok) throw refusals[result.reason]();
  const { operation } = result;
  await audit(ctx, {
    action: 'operation.start',
    targetType: 'operation',
    targetId: operation.id,
    details: { kind: operation.kind, clusterId: operation.clusterId, steps: steps.length },
  });
  return operation;
}
