'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '~/components/confirm-button';
import { DataTable } from '~/components/data-table';
import { Notice } from '~/components/notice';
import { StatusBadge } from '~/components/status-badge';
import { formatAgo, formatDateTime } from '~/lib/format';
import type { ApiKey } from '~/lib/namespaces';
import { useNow } from '~/lib/use-now';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function RevokeButton({ apiKey }: { apiKey: ApiKey }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.apiKeys.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter()),
    }),
  );
  return (
    <ConfirmButton
      question={`Revoke ${apiKey.name}? Services using it stop working.`}
      pending={revoke.isPending}
      error={revoke.error}
      onConfirm={() => {
        revoke.mutate({ id: apiKey.id });
      }}
    >
      Revoke <span className="visually-hidden">{apiKey.name}</span>
    </ConfirmButton>
  );
}

function KeyRow({ apiKey, now, canEdit }: { apiKey: ApiKey; now: number; canEdit: boolean }) {
  return (
    <tr data-testid="api-key-row">
      <td className="cell-primary">{apiKey.name}</td>
      <td className="mono">{apiKey.secretPrefix}…</td>
      <td className="wrap">
        {apiKey.scopes.map((s) => `${s.namespace} (${s.permission})`).join(', ')}
      </td>
      <td>{formatDateTime(apiKey.createdAt)}</td>
      <td title={apiKey.lastUsedAt ? formatDateTime(apiKey.lastUsedAt) : undefined}>
        {apiKey.lastUsedAt ? (
          formatAgo(apiKey.lastUsedAt, now)
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td>
        <StatusBadge status={apiKey.revokedAt ? 'revoked' : 'active'} />
      </td>
      {canEdit ? (
        <td className="numeric">{apiKey.revokedAt ? null : <RevokeButton apiKey={apiKey} />}</td>
      ) : null}
    </tr>
  );
}

export function ApiKeysTable({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const keys = useQuery(trpc.apiKeys.list.queryOptions());
  const now = useNow(5_000);
  if (keys.isPending) return <p className="loading">Loading API keys…</p>;
  if (keys.isError) return <Notice tone="error">{errorMessage(keys.error)}</Notice>;
  if (keys.data.length === 0) return <p className="loading">No API keys yet.</p>;
  return (
    <DataTable
      caption="API keys"
      columns={[
        { label: 'Name' },
        { label: 'Prefix' },
        { label: 'Scopes' },
        { label: 'Created' },
        { label: 'Last used' },
        { label: 'Status' },
        ...(canEdit ? [{ label: 'Actions', numeric: true, hidden: true }] : []),
      ]}
    >
      {keys.data.map((apiKey) => (
        <KeyRow key={apiKey.id} apiKey={apiKey} now={now} canEdit={canEdit} />
      ))}
    </DataTable>
  );
}
