import type { AlertRule } from '@cachefleet/db';
import { ruleExpression } from './rule-catalogue.js';

type RenderedRule = Pick<
  AlertRule,
  | 'id'
  | 'name'
  | 'metric'
  | 'expression'
  | 'comparator'
  | 'threshold'
  | 'forSeconds'
  | 'severity'
  | 'labels'
  | 'summary'
  | 'enabled'
>;

/** The Prometheus rules file for the enabled rules, as JSON (which is valid YAML). */
export function renderRulesFile(rules: RenderedRule[]): string {
  const rendered = rules
    .filter((rule) => rule.enabled)
    .map((rule) => ({
      alert: rule.name,
      expr: ruleExpression(rule),
      for: `${rule.forSeconds}s`,
      labels: { ...rule.labels, severity: rule.severity, rule_id: rule.id },
      annotations: {
        summary: rule.summary || `${rule.name} on {{ $labels.node }}`,
        value: '{{ $value }}',
      },
    }));
  return `${JSON.stringify({ groups: [{ name: 'cachefleet', rules: rendered }] }, null, 2)}\n`;
}
