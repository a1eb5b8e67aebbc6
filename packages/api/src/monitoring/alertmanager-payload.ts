import { z } from 'zod';

const labels = z.record(z.string().max(256), z.string().max(4096));

/** Alertmanager's webhook body (version 4), bounded so a hostile post cannot grow the database. */
export const alertmanagerPayload = z.object({
  version: z.literal('4'),
  groupKey: z.string().max(4096),
  truncatedAlerts: z.number().int().min(0).optional(),
  status: z.enum(['firing', 'resolved']),
  receiver: z.string().max(256),
  groupLabels: labels,
  commonLabels: labels,
  commonAnnotations: labels,
  externalURL: z.string().max(2048),
  alerts: z
    .array(
      z.object({
        status: z.enum(['firing', 'resolved']),
        labels: labels.refine((l) => Boolean(l.alertname), 'alertname label is required'),
        annotations: labels,
        startsAt: z.iso.datetime({ offset: true }),
        endsAt: z.iso.datetime({ offset: true }),
        generatorURL: z.string().max(4096),
        fingerprint: z.string().regex(/^[0-9a-f]{1,32}$/),
      }),
    )
    .min(1)
    .max(1000),
});

export type AlertmanagerPayload = z.output<typeof alertmanagerPayload>;
