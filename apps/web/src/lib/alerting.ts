import type { RouterInputs, RouterOutputs } from '@cachefleet/api';

export type AlertRule = RouterOutputs['alertRules']['list'][number];
export type AlertRuleFields = RouterInputs['alertRules']['create'];
export type RuleMetricName = AlertRuleFields['metric'];
export type Channel = RouterOutputs['channels']['list'][number];
export type NewChannel = RouterInputs['channels']['create']['channel'];
export type Silence = RouterOutputs['alerts']['silences'][number];

/** Pickers' options, kept here so client code never imports db. */
export const comparators = [
  '>',
  '>=',
  '<',
  '<=',
  '==',
  '!=',
] as const satisfies readonly NonNullable<AlertRuleFields['comparator']>[];
export const severities = ['critical', 'warning', 'info'] as const satisfies readonly NonNullable<
  AlertRuleFields['severity']
>[];
export const channelKinds = [
  'webhook',
  'slack',
  'email',
] as const satisfies readonly NewChannel['kind'][];

/** A metric name the server listed (alertRules.metrics) as one a rule may watch. */
export function asRuleMetric(name: string, known: readonly string[]): RuleMetricName | undefined {
  // The server's own list is the catalogue's keys, so a listed name is a valid metric.
  return known.includes(name) ? (name as RuleMetricName) : undefined;
}

/** The fields an update needs, taken from a stored rule, with a change applied. */
export function ruleFieldsOf(
  rule: AlertRule,
  metric: RuleMetricName,
  patch: Partial<AlertRuleFields> = {},
): AlertRuleFields {
  const { name, expression, comparator, threshold, forSeconds, severity, labels, summary } = rule;
  const base = { name, metric, expression, comparator, threshold, forSeconds, severity, labels };
  return { ...base, summary, enabled: rule.enabled, ...patch };
}
