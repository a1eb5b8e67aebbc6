'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DataTable } from '~/components/data-table';
import { Notice } from '~/components/notice';
import { ProgressBar } from '~/components/progress-bar';
import { StatusBadge } from '~/components/status-badge';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { isActive } from '../../clusters/_components/fleet-types';
import '~/styles/fleet.css';

/** Re-read every 2 s while any listed operation is pending or running, else every 10 s. */
export function OperationsTable({ clusterId }: { clusterId?: string }) {
  const trpc = useTRPC();
  const list = useQuery({
    ...trpc.operations.list.queryOptions({ clusterId, limit: 20 }),
    refetchInterval: (query) =>
      query.state.data?.items.some((o) => isActive(o.status)) ? 2_000 : 10_000,
  });
  if (list.isPending) return <p className="loading">Loading operations…</p>;
  if (list.isError) return <Notice tone="error">{errorMessage(list.error)}</Notice>;
  if (list.data.items.length === 0) return <p className="loading">No operations yet.</p>;
  return (
    <DataTable
      caption="Operations"
      columns={[
        { label: 'Operation' },
        { label: 'Status' },
        { label: 'Progress' },
        { label: 'Started by' },
        { label: 'Created' },
        { label: 'Error' },
      ]}
    >
      {list.data.items.map((o) => (
        <tr key={o.id} data-testid="operation-row" data-kind={o.kind} data-status={o.status}>
          <td className="cell-primary">
            <Link href={`/operations/${o.id}`}>{o.kind}</Link>
          </td>
          <td>
            <StatusBadge status={o.status} />
          </td>
          <td>
            <ProgressBar value={o.progress} label={`${o.kind} progress`} />
          </td>
          <td>{o.createdBy}</td>
          <td>{formatDateTime(o.createdAt)}</td>
          <td className="small">{o.error ?? ''}</td>
        </tr>
      ))}
    </DataTable>
  );
}
