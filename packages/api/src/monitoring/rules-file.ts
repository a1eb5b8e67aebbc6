import type { AlertRule } from '@cachefleet/db';
import { packDescription } from './default-rule-pack.js';
import { isRuleMetric, ruleExpression, ruleMetrics } from './rule-catalogue.js';

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
  | 'packKey'
>;

/** A pack rule's own description, else what the rule watches and since when. */
function describe(rule: RenderedRule): string {
  const known = packDescription(rule.packKey);
  if (known) return known;
  // Never the custom expression itself: its braces would be read as template syntax.
  const watched =
    isRuleMetric(rule.metric) && rule.metric !== 'custom'
      ? ruleMetrics[rule.metric].label
      : 'The rule’s expression';
  return `${watched} has been ${rule.comparator} ${String(rule.threshold)} for ${String(rule.forSeconds)}s on {{ $labels.node }} (now {{ $value }}).`;
}

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
        description: describe(rule),
        value: '{{ $value }}',
      },
    }));
  return `${JSON.stringify({ groups: [{ name: 'cachefleet', rules: rendered }] }, null, 2)}\n`;
}
