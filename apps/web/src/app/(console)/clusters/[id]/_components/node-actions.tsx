'use client';

import { useMutation } from '@tanstack/react-query';
import { ConfirmButton } from '~/components/confirm-button';
import { useTRPC } from '~/trpc/react';
import type { NodeView } from '../../_components/fleet-types';
import { Launched, useRefreshAfterLaunch } from './launched';

/** Per node: promote a replica over its primary, or drain (move its slots away) and remove it. */
export function NodeActions(props: { node: NodeView; primary: NodeView | null }) {
  const { node, primary } = props;
  const trpc = useTRPC();
  const refresh = useRefreshAfterLaunch();
  const failover = useMutation(trpc.clusters.failover.mutationOptions({ onSuccess: refresh }));
  const remove = useMutation(trpc.clusters.removeNode.mutationOptions({ onSuccess: refresh }));
  const drains = node.role === 'primary' && node.slotCount > 0;
  return (
    <span className="toolbar">
      <Launched operation={failover.data ?? remove.data} />
      {primary ? (
        <ConfirmButton
          question={`Make ${node.agentName} the primary instead of ${primary.agentName}?`}
          pending={failover.isPending}
          error={failover.error}
          onConfirm={() => {
            failover.mutate({ replicaNodeId: node.id, primaryNodeId: primary.id });
          }}
        >
          Fail over here
        </ConfirmButton>
      ) : null}
      <ConfirmButton
        question={
          drains
            ? `Move ${node.slotCount} slots off ${node.agentName}, then remove it from the cluster?`
            : `Remove ${node.agentName} from the cluster?`
        }
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          remove.mutate({ nodeId: node.id });
        }}
      >
        {drains ? 'Drain & remove' : 'Remove'}
      </ConfirmButton>
    </span>
  );
}
