'use client';

import type { AlertRule } from '~/lib/alerting';
import { RuleActions } from './rule-actions';
import { DataTable } from '~/components/data-table';

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
    <DataTable
      caption="Alert rules"
      columns={[
        { label: 'Rule' },
        { label: 'Expression' },
        { label: 'For', numeric: true },
        { label: 'Severity' },
        { label: 'State' },
        { label: 'Actions', numeric: true, hidden: true },
      ]}
    >
      {props.rules.map((rule) => (
        <RuleRow
          key={rule.id}
          rule={rule}
          onEdit={() => {
            props.onEdit(rule);
          }}
        />
      ))}
    </DataTable>
  );
}
