'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { StatusBadge } from '~/components/status-badge';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { OperationsTable } from '../../../operations/_components/operations-table';
import { AddNodes } from './add-nodes';
import { ConfigChange } from './config-change';
import { Maintenance } from './maintenance';
import { SlotMap } from './slot-map';
import { Topology } from './topology';

/**
 * The topology follows Redis as agents report it (every 2 s each), so it is re-read every second:
 * an automatic failover must show within 10 s of a primary's crash, and Redis itself takes about
 * 5 s of that (node timeout, then the replica's election).
 */
const refreshMs = 1_000;

/** One cluster: slot map, topology, its operations, and (for operators) the actions that change it. */
export function ClusterDetailView({ id, canOperate }: { id: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const cluster = useQuery({
    ...trpc.clusters.get.queryOptions({ clusterId: id }),
    refetchInterval: refreshMs,
  });
  const view = cluster.data;
  const description = view
    ? `${view.primaries.length} primaries · ${view.nodes.length - view.primaries.length} replicas · user ${view.cluster.redisUsername}`
    : undefined;
  return (
    <>
      <PageHeader
        title={view ? view.cluster.name : 'Cluster'}
        description={description}
        actions={
          <>
            {view ? <StatusBadge status={view.cluster.state} /> : null}
            <Link href="/clusters" className="button button-small button-ghost">
              All clusters
            </Link>
          </>
        }
      />
      {cluster.isPending ? <p className="loading">Loading cluster…</p> : null}
      {cluster.isError ? <Notice tone="error">{errorMessage(cluster.error)}</Notice> : null}
      {view ? (
        <div className="stack">
          {canOperate ? null : (
            <Notice tone="info">
              Viewers see the cluster; changing it requires the operator role.
            </Notice>
          )}
          <SlotMap view={view} />
          <Topology view={view} canOperate={canOperate} />
          <section className="card" aria-labelledby="cluster-ops-heading">
            <div className="card-body">
              <h2 id="cluster-ops-heading" className="subheading">
                Operations
              </h2>
            </div>
            <OperationsTable clusterId={id} />
          </section>
          {canOperate ? (
            <>
              <AddNodes view={view} />
              <Maintenance view={view} />
              <ConfigChange view={view} />
            </>
          ) : null}
        </div>
      ) : null}
    </>
  );
}
