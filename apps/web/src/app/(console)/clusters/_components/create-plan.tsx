'use client';

import { DataTable } from '~/components/data-table';
import { formatRanges, type CreatePlan, type IdleAgent } from './fleet-types';

/** The dry run of a create: each agent's role, its primary (replicas) or its slots (primaries). */
export function CreatePlanView(props: { plan: CreatePlan; agents: readonly IdleAgent[] }) {
  const nameOf = (agentId: string) => props.agents.find((a) => a.id === agentId)?.name ?? agentId;
  const primaries = props.plan.nodes.filter((n) => n.role === 'primary');
  const primaryName = (nodeId: string | null) => {
    const p = props.plan.nodes.find((n) => n.nodeId === nodeId);
    return p ? nameOf(p.agentId) : '—';
  };
  return (
    <div className="stack" data-testid="create-plan">
      <p className="small">
        Plan: {primaries.length} primaries and {props.plan.nodes.length - primaries.length}{' '}
        replicas; steps {props.plan.steps.join(' → ')}.
      </p>
      <DataTable
        caption="Planned nodes"
        columns={[{ label: 'Agent' }, { label: 'Role' }, { label: 'Address' }, { label: 'Slots' }]}
      >
        {props.plan.nodes.map((n) => (
          <tr key={n.nodeId} data-testid="plan-node" data-role={n.role}>
            <td className="cell-primary">{nameOf(n.agentId)}</td>
            <td>
              {n.role === 'primary' ? 'primary' : `replica of ${primaryName(n.primaryNodeId)}`}
            </td>
            <td className="mono">
              {n.host}:{n.port}
            </td>
            <td className="mono small">{n.role === 'primary' ? formatRanges(n.slotRanges) : ''}</td>
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
