import {
  deleteAlertRule,
  findAlertRule,
  insertAlertRule,
  listAlertRules,
  updateAlertRule,
} from '@cachefleet/db';
import { z } from 'zod';
import { audit } from '../audit.js';
import { appError } from '../errors.js';
import { ruleExpression, ruleMetrics } from '../monitoring/rule-catalogue.js';
import { deployStaged, deployStoredRules, stageRules } from '../monitoring/rule-service.js';
import { createTRPCRouter, operatorProcedure, viewerProcedure } from '../trpc.js';
import { alertRuleFields, updateAlertRuleInput } from './alert-rule-inputs.js';

export const alertRulesRouter = createTRPCRouter({
  list: viewerProcedure.query(async ({ ctx }) =>
    (await listAlertRules(ctx.db)).map((rule) => ({ ...rule, expr: ruleExpression(rule) })),
  ),

  metrics: viewerProcedure.query(() =>
    Object.entries(ruleMetrics).map(([name, metric]) => ({ name, label: metric.label })),
  ),

  create: operatorProcedure.input(alertRuleFields).mutation(async ({ ctx, input }) => {
    const staged = await stageRules(ctx.db, ctx.monitoring, { fields: input });
    const rule = await insertAlertRule(ctx.db, { ...input, id: staged.id });
    const deploy = await deployStaged(ctx.monitoring, staged);
    await audit(ctx, {
      action: 'alert_rule.create',
      targetType: 'alert_rule',
      targetId: rule.id,
      details: { name: rule.name, expr: ruleExpression(rule) },
    });
    return { rule, deploy };
  }),

  update: operatorProcedure.input(updateAlertRuleInput).mutation(async ({ ctx, input }) => {
    const staged = await stageRules(ctx.db, ctx.monitoring, { id: input.id, fields: input.rule });
    const rule = await updateAlertRule(ctx.db, input.id, input.rule);
    if (!rule) throw appError('NOT_FOUND', 'E_RULE_NOT_FOUND', 'no such alert rule');
    const deploy = await deployStaged(ctx.monitoring, staged);
    await audit(ctx, {
      action: 'alert_rule.update',
      targetType: 'alert_rule',
      targetId: rule.id,
      details: { name: rule.name, expr: ruleExpression(rule) },
    });
    return { rule, deploy };
  }),

  delete: operatorProcedure.input(z.object({ id: z.uuid() })).mutation(async ({ ctx, input }) => {
    const rule = await findAlertRule(ctx.db, input.id);
    if (!rule) throw appError('NOT_FOUND', 'E_RULE_NOT_FOUND', 'no such alert rule');
    if (rule.packKey) {
      throw appError(
        'PRECONDITION_FAILED',
        'E_PACK_RULE',
        'rules of the default pack can be disabled, not deleted',
      );
    }
    await deleteAlertRule(ctx.db, input.id);
    const deploy = await deployStoredRules(ctx.db, ctx.monitoring);
    await audit(ctx, {
      action: 'alert_rule.delete',
      targetType: 'alert_rule',
      targetId: rule.id,
      details: { name: rule.name },
    });
    return { deploy };
  }),
});
