import { alertComparators, alertSeverities } from '@cachefleet/db';
import { z } from 'zod';
import { ruleMetricNames } from '../monitoring/rule-catalogue.js';

const reservedLabels = ['severity', 'rule_id', 'alertname'];

const labelName = z
  .string()
  .regex(/^[a-zA-Z_][a-zA-Z0-9_]{0,62}$/, 'a label name: letters, digits and "_"')
  .refine((name) => !reservedLabels.includes(name), 'this label is set by cachefleet');

export const alertRuleFields = z
  .object({
    name: z
      .string()
      .regex(
        /^[A-Za-z_][A-Za-z0-9_]{0,79}$/,
        'an alert name: letters, digits and "_", e.g. RedisDown',
      ),
    metric: z.enum(ruleMetricNames),
    expression: z.string().trim().min(1).max(2000).nullish(),
    comparator: z.enum(alertComparators),
    threshold: z.number(),
    forSeconds: z.number().int().min(0).max(86_400).default(60),
    severity: z.enum(alertSeverities).default('warning'),
    labels: z
      .record(labelName, z.string().max(200))
      .refine((labels) => Object.keys(labels).length <= 10, 'at most 10 labels')
      .default({}),
    summary: z.string().trim().max(300).default(''),
    enabled: z.boolean().default(true),
  })
  .refine((input) => (input.metric === 'custom') === Boolean(input.expression), {
    error: 'a custom metric needs an expression; other metrics take none',
    path: ['expression'],
  })
  .transform((input) => ({ ...input, expression: input.expression ?? null }));

export const updateAlertRuleInput = z.object({ id: z.uuid(), rule: alertRuleFields });
