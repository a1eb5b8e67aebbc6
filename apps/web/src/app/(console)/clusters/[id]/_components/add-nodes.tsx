'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { ConfirmButton } from '~/components/confirm-button';
import { InlineError } from '~/components/row-action';
import { useTRPC } from '~/trpc/react';
import type { ClusterDetail } from '../../_components/fleet-types';
import { AgentPicker } from '../../_components/agent-picker';
import { Launched, useRefreshAfterLaunch } from './launched';
import { RebalancePlanView } from './rebalance-plan';

/** Pick idle agents, read the dry-run plan for them, then add them as primaries and rebalance. */
export function AddNodes({ view }: { view: ClusterDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshAfterLaunch();
  const [chosen, setChosen] = useState<string[]>([]);
  const plan = useQuery({
    ...trpc.clusters.planRebalance.queryOptions({
      clusterId: view.cluster.id,
      addAgentIds: chosen,
    }),
    enabled: chosen.length > 0,
  });
  const add = useMutation(
    trpc.clusters.addNodes.mutationOptions({
      onSuccess: async () => {
        setChosen([]);
        await refresh();
      },
    }),
  );
  return (
    <section className="card" aria-labelledby="add-nodes-heading">
      <div className="card-body stack">
        <h2 id="add-nodes-heading" className="subheading">
          Add nodes and rebalance
        </h2>
        <AgentPicker agents={view.idleAgents} chosen={chosen} onChange={setChosen} />
        {plan.isError ? <InlineError error={plan.error} /> : null}
        {plan.data && chosen.length > 0 ? <RebalancePlanView plan={plan.data} view={view} /> : null}
        <div className="toolbar">
          <ConfirmButton
            question={`Add ${chosen.length} node(s) and move ${plan.data?.totalSlots ?? 0} slots to them?`}
            disabled={!plan.data || chosen.length === 0}
            pending={add.isPending}
            error={add.error}
            onConfirm={() => {
              add.mutate({ clusterId: view.cluster.id, agentIds: chosen, rebalance: true });
            }}
          >
            Add and rebalance
          </ConfirmButton>
          <Launched operation={add.data} />
        </div>
      </div>
    </section>
  );
}
