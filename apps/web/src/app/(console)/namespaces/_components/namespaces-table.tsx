'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { DataTable } from '~/components/data-table';
import { Notice } from '~/components/notice';
import { formatBytes, formatDateTime } from '~/lib/format';
import type { NamespaceListing } from '~/lib/namespaces';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function NamespaceRow({ ns }: { ns: NamespaceListing }) {
  const { policy } = ns;
  return (
    <tr data-testid="namespace-row">
      <td className="cell-primary">
        <Link href={`/namespaces/${ns.name}`}>{ns.name}</Link>
      </td>
      <td>{ns.clusterName}</td>
      <td>
        {ns.dataSourceName && ns.source ? (
          <span className="mono">
            {ns.dataSourceName}.{ns.source.table}
          </span>
        ) : (
          <span className="muted">none</span>
        )}
      </td>
      <td>{policy.writeMode}</td>
      <td className="numeric">{policy.ttlSeconds} s</td>
      <td className="numeric">
        {policy.l1MaxEntries.toLocaleString('en-US')} / {formatBytes(policy.l1MaxBytes)}
      </td>
      <td className="numeric">{ns.revision}</td>
      <td>{formatDateTime(ns.updatedAt)}</td>
      <td className="numeric">
        <Link href={`/namespaces/${ns.name}/keys`} className="button button-small button-ghost">
          Keys <span className="visually-hidden">of {ns.name}</span>
        </Link>
      </td>
    </tr>
  );
}

export function NamespacesTable() {
  const trpc = useTRPC();
  const namespaces = useQuery(trpc.namespaces.list.queryOptions());
  if (namespaces.isPending) return <p className="loading">Loading namespaces…</p>;
  if (namespaces.isError) return <Notice tone="error">{errorMessage(namespaces.error)}</Notice>;
  if (namespaces.data.length === 0) return <p className="loading">No namespaces yet.</p>;
  return (
    <section className="card">
      <DataTable
        caption="Namespaces"
        columns={[
          { label: 'Name' },
          { label: 'Cluster' },
          { label: 'Source' },
          { label: 'Write mode' },
          { label: 'TTL', numeric: true },
          { label: 'L1', numeric: true },
          { label: 'Revision', numeric: true },
          { label: 'Updated' },
          { label: 'Key browser', numeric: true, hidden: true },
        ]}
      >
        {namespaces.data.map((ns) => (
          <NamespaceRow key={ns.id} ns={ns} />
        ))}
      </DataTable>
    </section>
  );
}
