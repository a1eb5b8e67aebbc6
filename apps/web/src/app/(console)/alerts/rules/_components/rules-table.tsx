'use client';

import type { AlertRule } from '~/lib/alerting';
import { RuleActions } from './rule-actions';

function RuleRow(props: { rule: AlertRule; onEdit: () => void }) {
  const { rule } = props;
  return (
    <tr data-testid="rule-row">
      <td>
        <div className="cell-primary">{rule.name}</div>
        <div className="cell-secondary">{rule.summary}</div>
      </td>
      <td className="mono wrap">{rule.expr}</td>
      <td className="numeric">{rule.forSeconds} s</td>
      <td>{rule.severity}</td>
      <td>
        <span className={`badge badge-${rule.enabled ? 'active' : 'expired'}`}>
          {rule.enabled ? 'enabled' : 'disabled'}
        </span>
      </td>
      <td className="numeric">
        <RuleActions rule={rule} onEdit={props.onEdit} />
      </td>
    </tr>
  );
}

export function RulesTable(props: { rules: AlertRule[]; onEdit: (rule: AlertRule) => void }) {
  return (
    <div className="table-wrap">
      <table>
        <caption className="visually-hidden">Alert rules</caption>
        <thead>
          <tr>
            <th scope="col">Rule</th>
            <th scope="col">Expression</th>
            <th scope="col" className="numeric">
              For
            </th>
            <th scope="col">Severity</th>
            <th scope="col">State</th>
            <th scope="col" className="numeric">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {props.rules.map((rule) => (
            <RuleRow
              key={rule.id}
              rule={rule}
              onEdit={() => {
                props.onEdit(rule);
              }}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}
