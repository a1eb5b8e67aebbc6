'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { InlineError, RowActionButton } from '~/components/row-action';
import { StatusBadge } from '~/components/status-badge';
import { tokenStatus } from '~/lib/enrollment';
import { formatDateTime, formatUntil } from '~/lib/format';
import type { EnrollmentToken } from '~/lib/types';
import { useNow } from '~/lib/use-now';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { DataTable } from '~/components/data-table';

function RevokeButton({ token }: { token: EnrollmentToken }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const revoke = useMutation(
    trpc.enrollment.revoke.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.enrollment.list.queryFilter()),
    }),
  );
  return (
    <>
      <InlineError error={revoke.error} />
      <RowActionButton
        pending={revoke.isPending}
        onClick={() => {
          revoke.mutate({ id: token.id });
        }}
      >
        Revoke
      </RowActionButton>
    </>
  );
}

/** The agent that joined with the token; a deregistered agent no longer has a name to show. */
function UsedBy({ token }: { token: EnrollmentToken }) {
  if (token.usedByAgentName) return <span className="mono">{token.usedByAgentName}</span>;
  return <span className="muted">{token.usedAt ? 'removed agent' : '—'}</span>;
}

function TokenRow({ token, now }: { token: EnrollmentToken; now: number }) {
  const status = tokenStatus(token, now);
  return (
    <tr>
      <td className="mono">{token.prefix}…</td>
      <td className="wrap">{token.note || <span className="muted">—</span>}</td>
      <td>{formatDateTime(token.createdAt)}</td>
      <td title={formatDateTime(token.expiresAt)}>{formatUntil(token.expiresAt, now)}</td>
      <td>
        <StatusBadge status={status} />
      </td>
      <td>
        <UsedBy token={token} />
      </td>
      <td className="numeric">{status === 'active' ? <RevokeButton token={token} /> : null}</td>
    </tr>
  );
}

export function TokensTable() {
  const trpc = useTRPC();
  const tokens = useQuery(trpc.enrollment.list.queryOptions());
  const now = useNow(5_000);
  if (tokens.isPending) return <p className="loading">Loading tokens…</p>;
  if (tokens.isError) return <Notice tone="error">{errorMessage(tokens.error)}</Notice>;
  if (tokens.data.length === 0) {
    return <p className="loading">No enrollment tokens yet.</p>;
  }
  return (
    <DataTable
      caption="Enrollment tokens"
      columns={[
        { label: 'Prefix' },
        { label: 'Note' },
        { label: 'Created' },
        { label: 'Expires' },
        { label: 'Status' },
        { label: 'Used by' },
        { label: 'Actions', numeric: true, hidden: true },
      ]}
    >
      {tokens.data.map((token) => (
        <TokenRow key={token.id} token={token} now={now} />
      ))}
    </DataTable>
  );
}
