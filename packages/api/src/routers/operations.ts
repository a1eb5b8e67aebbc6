import { cancelOperation, findOperation, listOperations } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const listInput = z.object({
  clusterId: z.uuid().optional(),
  limit: z.number().int().min(1).max(100).default(20),
  cursor: z.object({ createdAt: z.iso.datetime(), id: z.uuid() }).optional(),
});

const cancelRefusals = {
  unknown: () => appError('NOT_FOUND', 'E_OPERATION_NOT_FOUND', 'no such operation'),
  finished: () =>
    appError('PRECONDITION_FAILED', 'E_OPERATION_FINISHED', 'the operation has already ended'),
  unsafe: () =>
    appError(
      'PRECONDITION_FAILED',
      'E_CANCEL_UNSAFE',
      'a node is being forgotten; cancelling now would leave it half-removed',
    ),
};

/** Operations on clusters: their history, live progress with step logs, and cancellation. */
export const operationsRouter = createTRPCRouter({
  list: viewerProcedure.input(listInput).query(async ({ ctx, input }) => {
    const items = await listOperations(ctx.db, input);
    const last = items.length === input.limit ? items[items.length - 1] : undefined;
    return {
      items,
      nextCursor: last ? { createdAt: last.createdAt.toISOString(), id: last.id } : null,
    };
  }),

  get: viewerProcedure.input(z.object({ id: z.uuid() })).query(async ({ ctx, input }) => {
    const operation = await findOperation(ctx.db, input.id);
    if (!operation) throw appError('NOT_FOUND', 'E_OPERATION_NOT_FOUND', 'no such operation');
    return operation;
  }),

  /** Cancels now between steps, or asks the executor to stop between slots. */
  cancel: operatorProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const outcome = await cancelOperation(ctx.db, input.id);
    if (!outcome.ok) throw cancelRefusals[outcome.reason]();
    await audit(ctx, {
      action: 'operation.cancel',
      targetType: 'operation',
      targetId: input.id,
      details: { outcome: outcome.status },
    });
    return { status: outcome.status };
  }),
});
