import {
  deleteNotificationChannel,
  findNotificationChannel,
  insertNotificationChannel,
  listNotificationChannels,
  type NotificationChannel,
} from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { deliverAndRecord } from '../notify/fan-out.js';
import type { Notification } from '../notify/notification.js';
import { generateSecret } from '../security/secrets.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';

const httpUrl = z.url({ protocol: /^https?$/ }).max(2000);

export const createChannelInput = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('webhook'), name: z.string().trim().min(1).max(80), url: httpUrl }),
  z.object({ kind: z.literal('slack'), name: z.string().trim().min(1).max(80), url: httpUrl }),
  z.object({
    kind: z.literal('email'),
    name: z.string().trim().min(1).max(80),
    smtpUrl: z.url({ protocol: /^smtps?$/ }).max(2000),
    from: z.email(),
    to: z.array(z.email()).min(1).max(20),
  }),
]);

const minSeverity = z.enum(['info', 'warning', 'critical']).default('info');

/** What the console may show: no SMTP password, no signing secret. */
function redact(channel: NotificationChannel) {
  const { signingSecret, target, ...rest } = channel;
  const smtp = target.smtpUrl ? new URL(target.smtpUrl) : undefined;
  if (smtp) smtp.password = '';
  return {
    ...rest,
    signed: Boolean(signingSecret),
    target: { ...target, smtpUrl: smtp?.toString() },
  };
}

const testNotification = (name: string): Notification => ({
  status: 'firing',
  title: `[TEST] cachefleet notification to ${name}`,
  groupKey: 'test',
  consoleUrl: null,
  alerts: [
    {
      alertname: 'TestNotification',
      status: 'firing',
      severity: 'info',
      node: null,
      summary: 'This is a test notification sent from the console.',
      labels: { alertname: 'TestNotification' },
      startsAt: new Date().toISOString(),
      endsAt: null,
    },
  ],
});

export const channelsRouter = createTRPCRouter({
  list: viewerProcedure.query(async ({ ctx }) =>
    (await listNotificationChannels(ctx.db)).map(redact),
  ),

  /** Creates a channel; a webhook's signing secret is returned once. */
  create: operatorProcedure
    .input(z.object({ channel: createChannelInput, minSeverity }))
    .mutation(async ({ ctx, input }) => {
      const { kind, name, ...target } = input.channel;
      const signingSecret = kind === 'webhook' ? generateSecret('cfs_whsec_') : null;
      const channel = await insertNotificationChannel(ctx.db, {
        kind,
        name,
        target,
        signingSecret,
        minSeverity: input.minSeverity,
      });
      await audit(ctx, {
        action: 'channel.create',
        targetType: 'channel',
        targetId: channel.id,
        details: { kind, name },
      });
      return { channel: redact(channel), signingSecret };
    }),

  delete: operatorProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    if (!(await deleteNotificationChannel(ctx.db, input.id))) {
      throw appError('NOT_FOUND', 'E_CHANNEL_NOT_FOUND', 'no such channel');
    }
    await audit(ctx, { action: 'channel.delete', targetType: 'channel', targetId: input.id });
    return { ok: true };
  }),

  sendTest: operatorProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const channel = await findNotificationChannel(ctx.db, input.id);
    if (!channel) throw appError('NOT_FOUND', 'E_CHANNEL_NOT_FOUND', 'no such channel');
    const problem = await deliverAndRecord(ctx.db, channel, testNotification(channel.name));
    await audit(ctx, {
      action: 'channel.test',
      targetType: 'channel',
      targetId: channel.id,
      details: { ok: problem === null },
    });
    if (problem) throw appError('BAD_GATEWAY', 'E_CHANNEL_DELIVERY_FAILED', problem);
    return { ok: true };
  }),
});
