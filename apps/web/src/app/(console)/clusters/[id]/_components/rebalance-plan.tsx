'use client';

import { DataTable } from '~/components/data-table';
import {
  formatRanges,
  type ClusterDetail,
  type RebalancePlan,
} from '../../_components/fleet-types';

type Side = RebalancePlan['moves'][number]['from'];

/** The dry run of a rebalance: which slots move from which node to which, and how many in all. */
export function RebalancePlanView({ plan, view }: { plan: RebalancePlan; view: ClusterDetail }) {
  const nameOf = (side: Side) => {
    const known = view.nodes.find((n) => n.id === side.nodeId)?.agentName;
    const added = view.idleAgents.find((a) => a.id === side.newAgentId)?.name;
    return known ?? (added ? `${added} (new)` : `${side.host}:${side.port}`);
  };
  if (plan.totalSlots === 0) {
    return (
      <p className="small" data-testid="rebalance-plan">
        Already balanced: no slot would move.
      </p>
    );
  }
  return (
    <div data-testid="rebalance-plan" className="stack">
      <p className="small">
        Plan: <strong data-testid="plan-total">{plan.totalSlots.toLocaleString('en-US')}</strong>{' '}
        slots move in {plan.moves.length} move{plan.moves.length === 1 ? '' : 's'}; every other slot
        stays where it is.
      </p>
      <DataTable
        caption="Planned slot moves"
        columns={[
          { label: 'From' },
          { label: 'To' },
          { label: 'Slots', numeric: true },
          { label: 'Ranges' },
        ]}
      >
        {plan.moves.map((m) => (
          <tr key={`${m.from.nodeId}-${m.to.nodeId}`} data-testid="plan-move">
            <td>{nameOf(m.from)}</td>
            <td>{nameOf(m.to)}</td>
            <td className="numeric">{m.slots.toLocaleString('en-US')}</td>
            <td className="mono small">{formatRanges(m.ranges)}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
