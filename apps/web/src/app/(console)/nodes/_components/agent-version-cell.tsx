'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Node } from '~/lib/types';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function UpgradeButton({ node }: { node: Node }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const upgrade = useMutation(
    trpc.nodes.requestUpgrade.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.nodes.list.queryFilter()),
    }),
  );
  return (
    <>
      <button
        type="button"
        className="button button-small"
        disabled={upgrade.isPending}
        aria-label={`Upgrade ${node.name}`}
        onClick={() => {
          upgrade.mutate({ id: node.id });
        }}
      >
        Upgrade
      </button>
      {upgrade.isError ? (
        <span className="field-error" role="alert">
          {' '}
          {errorMessage(upgrade.error)}
        </span>
      ) : null}
    </>
  );
}

/** The agent's version; an outdated one offers an upgrade, which the agent performs itself. */
export function AgentVersionCell({ node, latest }: { node: Node; latest: string | null }) {
  if (!node.version) return <td className="muted">—</td>;
  const outdated = latest !== null && node.version !== latest;
  return (
    <td>
      <span className="mono">{node.version}</span>
      {node.desiredVersion && node.desiredVersion !== node.version ? (
        <span className="small muted"> upgrading to {node.desiredVersion}…</span>
      ) : outdated ? (
        <>
          {' '}
          <span className="small muted">({latest} available)</span> <UpgradeButton node={node} />
        </>
      ) : null}
    </td>
  );
}
