import { randomUUID } from 'node:crypto';
import {
  installRulePack,
  listAlertRules,
  type AlertRule,
  type Database,
  type NewAlertRule,
} from '@cachefleet/db';
import { appError } from '../errors.js';
import type { MonitoringConfig } from './config.js';
import { defaultRuleRows } from './default-rule-pack.js';
import { renderRulesFile } from './rules-file.js';
import { RulesRejected, validateRules, writeAndReload, type DeployResult } from './rules-deploy.js';

export type RuleFields = Omit<NewAlertRule, 'id' | 'packKey' | 'createdAt' | 'updatedAt'>;

function asRow(id: string, fields: RuleFields, existing?: AlertRule): AlertRule {
  const now = new Date();
  return {
    id,
    packKey: existing?.packKey ?? null,
    createdAt: existing?.createdAt ?? now,
    updatedAt: now,
    expression: null,
    forSeconds: 60,
    severity: 'warning',
    labels: {},
    summary: '',
    enabled: true,
    ...fields,
  };
}

/**
 * Renders the rule set with one rule added or replaced and has promtool check it; a refusal
 * carries promtool's own message and nothing is stored or deployed.
 */
export async function stageRules(
  db: Database,
  config: MonitoringConfig,
  change: { id?: string; fields: RuleFields },
) {
  const existing = await listAlertRules(db);
  const id = change.id ?? randomUUID();
  const current = existing.find((rule) => rule.id === id);
  if (change.id && !current) throw appError('NOT_FOUND', 'E_RULE_NOT_FOUND', 'no such alert rule');
  if (existing.some((rule) => rule.name === change.fields.name && rule.id !== id)) {
    throw appError('CONFLICT', 'E_RULE_NAME_TAKEN', `a rule named ${change.fields.name} exists`);
  }
  const rows = [...existing.filter((rule) => rule.id !== id), asRow(id, change.fields, current)];
  const content = renderRulesFile(rows);
  try {
    return { id, content, validated: await validateRules(config, content) };
  } catch (error) {
    if (!(error instanceof RulesRejected)) throw error;
    throw appError('BAD_REQUEST', 'E_RULE_INVALID', error.reason);
  }
}

export function deployStaged(
  config: MonitoringConfig,
  staged: { content: string; validated: boolean },
) {
  return writeAndReload(config, staged.content, staged.validated);
}

/** Renders what the database holds and deploys it, e.g. after a delete. */
export async function deployStoredRules(
  db: Database,
  config: MonitoringConfig,
): Promise<DeployResult> {
  const content = renderRulesFile(await listAlertRules(db));
  return writeAndReload(config, content, await validateRules(config, content));
}

/** On start: installs the default rule pack's missing rules and deploys the rule set. */
export async function installDefaultRules(db: Database, config: MonitoringConfig) {
  const installed = await installRulePack(db, defaultRuleRows);
  const deploy = await deployStoredRules(db, config);
  return { installed, deploy };
}
