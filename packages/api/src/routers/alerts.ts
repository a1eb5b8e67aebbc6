import { countFiringAlerts, listAlerts } from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import type { Context } from '../context.js';
import { appError } from '../errors.js';
import {
  AlertmanagerUnavailable,
  createSilence,
  expireSilence,
  listSilences,
} from '../monitoring/alertmanager-client.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const labelMap = z
  .record(z.string().regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/), z.string().max(400))
  .refine((l) => Object.keys(l).length >= 1 && Object.keys(l).length <= 20, '1 to 20 labels');

async function withAlertmanager<T>(ctx: Context, run: (url: string) => Promise<T>): Promise<T> {
  const url = ctx.monitoring.alertmanagerUrl;
  if (!url) {
    throw appError('PRECONDITION_FAILED', 'E_ALERTMANAGER_NOT_CONFIGURED', 'no ALERTMANAGER_URL');
  }
  try {
    return await run(url);
  } catch (error) {
    if (!(error instanceof AlertmanagerUnavailable)) throw error;
    throw appError('SERVICE_UNAVAILABLE', 'E_ALERTMANAGER_UNAVAILABLE', error.message);
  }
}

export const alertsRouter = createTRPCRouter({
  list: viewerProcedure
    .input(
      z.object({
        status: z.enum(['firing', 'resolved']).optional(),
        limit: z.number().int().min(1).max(200).default(100),
        before: z.date().optional(),
      }),
    )
    .query(({ ctx, input }) => listAlerts(ctx.db, input)),

  firingCount: viewerProcedure.query(async ({ ctx }) => ({
    firing: await countFiringAlerts(ctx.db),
  })),

  silences: viewerProcedure.query(({ ctx }) => withAlertmanager(ctx, listSilences)),

  silence: operatorProcedure
    .input(
      z.object({
        labels: labelMap,
        minutes: z
          .number()
          .int()
          .min(5)
          .max(7 * 24 * 60)
          .default(60),
        comment: z.string().trim().min(1).max(500),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const id = await withAlertmanager(ctx, (url) =>
        createSilence(url, { ...input, createdBy: ctx.user.email }),
      );
      await audit(ctx, {
        action: 'silence.create',
        targetType: 'silence',
        targetId: id,
        details: { labels: input.labels, minutes: input.minutes },
      });
      return { id };
    }),

  expireSilence: operatorProcedure
    .input(z.object({ id: z.string().regex(/^[0-9a-f-]{36}$/) }))
    .mutation(async ({ ctx, input }) => {
      await withAlertmanager(ctx, (url) => expireSilence(url, input.id));
      await audit(ctx, { action: 'silence.expire', targetType: 'silence', targetId: input.id });
      return { ok: true };
    }),
});
