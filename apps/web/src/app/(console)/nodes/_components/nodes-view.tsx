'use client';

import { useQuery } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { NodesEmptyState } from './nodes-empty-state';
import { NodesTable } from './nodes-table';

/** Polls every 2 s, so heartbeats and status changes appear without a reload. */
export function NodesView() {
  const trpc = useTRPC();
  const nodes = useQuery(trpc.nodes.list.queryOptions(undefined, { refetchInterval: 2_000 }));
  const release = useQuery(trpc.nodes.agentRelease.queryOptions());
  const live = nodes.isSuccess && !nodes.isRefetchError;
  return (
    <>
      <PageHeader
        title="Nodes"
        description="Every enrolled cache host, its Redis and its last heartbeat."
        actions={live ? <span className="live-indicator">Live, every 2 s</span> : null}
      />
      {nodes.isPending ? <p className="loading">Loading nodes…</p> : null}
      {nodes.isError ? (
        <Notice tone={nodes.data ? 'warning' : 'error'}>
          {nodes.data ? 'Showing the last known state: ' : null}
          {errorMessage(nodes.error)}
        </Notice>
      ) : null}
      {nodes.data?.length === 0 ? <NodesEmptyState /> : null}
      {nodes.data && nodes.data.length > 0 ? (
        <NodesTable nodes={nodes.data} latest={release.data?.version ?? null} />
      ) : null}
    </>
  );
}
