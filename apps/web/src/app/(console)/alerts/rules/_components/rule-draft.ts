import {
  asRuleMetric,
  comparators,
  severities,
  type AlertRule,
  type AlertRuleFields,
} from '~/lib/alerting';

/** What the rule form edits: strings as typed, turned into the API's fields on submit. */
export interface RuleDraft {
  name: string;
  metric: string;
  expression: string;
  comparator: (typeof comparators)[number];
  threshold: string;
  forSeconds: string;
  severity: (typeof severities)[number];
  summary: string;
}

export const emptyDraft: RuleDraft = {
  name: '',
  metric: 'redis_up',
  expression: '',
  comparator: '<',
  threshold: '1',
  forSeconds: '60',
  severity: 'warning',
  summary: '',
};

export function draftOf(rule: AlertRule): RuleDraft {
  return {
    name: rule.name,
    metric: rule.metric,
    expression: rule.expression ?? '',
    comparator: comparators.find((c) => c === rule.comparator) ?? '>',
    threshold: String(rule.threshold),
    forSeconds: String(rule.forSeconds),
    severity: severities.find((s) => s === rule.severity) ?? 'warning',
    summary: rule.summary,
  };
}

/** The API's fields; the server validates them again (and promtool checks the expression). */
export function fieldsOf(
  draft: RuleDraft,
  known: readonly string[],
  kept: Pick<AlertRuleFields, 'labels' | 'enabled'>,
): AlertRuleFields {
  const metric = asRuleMetric(draft.metric, known) ?? 'custom';
  return {
    ...kept,
    name: draft.name.trim(),
    metric,
    expression: metric === 'custom' ? draft.expression : null,
    comparator: draft.comparator,
    threshold: Number(draft.threshold),
    forSeconds: Number(draft.forSeconds),
    severity: draft.severity,
    summary: draft.summary,
  };
}
