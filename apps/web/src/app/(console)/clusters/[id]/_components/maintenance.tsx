'use client';

import { useMutation, useQuery } from '@tanstack/react-query';
import { ConfirmButton } from '~/components/confirm-button';
import { InlineError } from '~/components/row-action';
import { useTRPC } from '~/trpc/react';
import type { ClusterDetail } from '../../_components/fleet-types';
import { Launched, useRefreshAfterLaunch } from './launched';
import { RebalancePlanView } from './rebalance-plan';

/** Rebalance (with its dry-run plan) and repair of open or uncovered slots. */
export function Maintenance({ view }: { view: ClusterDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshAfterLaunch();
  const clusterId = view.cluster.id;
  const plan = useQuery(trpc.clusters.planRebalance.queryOptions({ clusterId }));
  const rebalance = useMutation(trpc.clusters.rebalance.mutationOptions({ onSuccess: refresh }));
  const repair = useMutation(trpc.clusters.repair.mutationOptions({ onSuccess: refresh }));
  const uncovered = 16_384 - view.slotsCovered;
  return (
    <section className="card" aria-labelledby="maintenance-heading">
      <div className="card-body stack">
        <h2 id="maintenance-heading" className="subheading">
          Rebalance and repair
        </h2>
        {plan.isError ? <InlineError error={plan.error} /> : null}
        {plan.data ? <RebalancePlanView plan={plan.data} view={view} /> : null}
        <div className="toolbar">
          <ConfirmButton
            question={`Move ${plan.data?.totalSlots ?? 0} slots to balance the primaries?`}
            disabled={!plan.data || plan.data.totalSlots === 0}
            pending={rebalance.isPending}
            error={rebalance.error}
            onConfirm={() => {
              rebalance.mutate({ clusterId });
            }}
          >
            Rebalance
          </ConfirmButton>
          <Launched operation={rebalance.data} />
        </div>
        <p className="small muted">
          Repair closes slots left importing or migrating ({view.openSlots.length} now) and gives
          uncovered slots ({uncovered} now) to the primary with the fewest.
        </p>
        <div className="toolbar">
          <ConfirmButton
            question="Close open slots and cover every slot?"
            pending={repair.isPending}
            error={repair.error}
            onConfirm={() => {
              repair.mutate({ clusterId });
            }}
          >
            Repair
          </ConfirmButton>
          <Launched operation={repair.data} />
        </div>
      </div>
    </section>
  );
}
