'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DataTable } from '~/components/data-table';
import { Notice } from '~/components/notice';
import { StatusBadge } from '~/components/status-badge';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { allSlots } from './fleet-types';
import '~/styles/fleet.css';

/** Every cluster with its state, size and slot coverage (as CLUSTER INFO last said). */
export function ClustersTable() {
  const trpc = useTRPC();
  const clusters = useQuery({ ...trpc.clusters.list.queryOptions(), refetchInterval: 5_000 });
  if (clusters.isPending) return <p className="loading">Loading clusters…</p>;
  if (clusters.isError) return <Notice tone="error">{errorMessage(clusters.error)}</Notice>;
  if (clusters.data.length === 0) return <p className="loading">No clusters yet.</p>;
  return (
    <section className="card">
      <DataTable
        caption="Clusters"
        columns={[
          { label: 'Name' },
          { label: 'State' },
          { label: 'Primaries', numeric: true },
          { label: 'Replicas', numeric: true },
          { label: 'Slots covered', numeric: true },
          { label: 'Created' },
        ]}
      >
        {clusters.data.map((c) => (
          <tr key={c.id} data-testid="cluster-row" data-name={c.name}>
            <td className="cell-primary">
              <Link href={`/clusters/${c.id}`}>{c.name}</Link>
            </td>
            <td>
              <StatusBadge status={c.state} />
            </td>
            <td className="numeric">{c.primaries}</td>
            <td className="numeric">{c.replicas}</td>
            <td className="numeric">
              {(c.info?.slotsAssigned ?? 0).toLocaleString('en-US')} /{' '}
              {allSlots.toLocaleString('en-US')}
            </td>
            <td>{formatDateTime(c.createdAt)}</td>
          </tr>
        ))}
      </DataTable>
    </section>
  );
}
