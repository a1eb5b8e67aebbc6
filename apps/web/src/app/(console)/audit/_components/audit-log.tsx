'use client';

import { useQueries, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Notice } from '~/components/notice';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AuditTable } from './audit-table';

const pageSize = 50;

function LoadMore(props: { loading: boolean; failed: boolean; onClick: () => void }) {
  return (
    <div className="card-footer">
      <button
        type="button"
        className="button button-ghost"
        disabled={props.loading}
        onClick={props.onClick}
      >
        {props.loading ? 'Loading…' : props.failed ? 'Retry' : 'Load more'}
      </button>
    </div>
  );
}

/**
 * Keyset paging: each "Load more" asks for the entries older than the last one shown. Loaded pages
 * never refetch on their own (that would open gaps between them); "Refresh" starts over.
 */
export function AuditLog() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [cursors, setCursors] = useState<(number | undefined)[]>([undefined]);
  const pages = useQueries({
    queries: cursors.map((beforeId) =>
      trpc.audit.list.queryOptions(
        { limit: pageSize, beforeId },
        { staleTime: Infinity, refetchOnMount: beforeId === undefined ? 'always' : false },
      ),
    ),
  });
  const entries = pages.flatMap((page) => page.data ?? []);
  const last = pages.at(-1);
  const failed = pages.find((page) => page.isError);
  const loadingMore = cursors.length > 1 && last?.isPending === true;
  const loadMore = () => {
    if (last?.isError) return void last.refetch();
    const oldest = entries.at(-1);
    if (oldest) setCursors((current) => [...current, oldest.id]);
  };
  const refresh = () => {
    setCursors([undefined]);
    void queryClient.invalidateQueries(trpc.audit.list.queryFilter());
  };
  if (pages[0]?.isPending) return <p className="loading">Loading the audit log…</p>;
  if (failed && entries.length === 0) {
    return <Notice tone="error">{errorMessage(failed.error)}</Notice>;
  }
  return (
    <div className="card">
      <div className="card-header">
        <span className="muted small">{entries.length} entries shown</span>
        <button type="button" className="button button-ghost button-small" onClick={refresh}>
          Refresh
        </button>
      </div>
      {entries.length === 0 ? <p className="loading">Nothing has been recorded yet.</p> : null}
      {entries.length > 0 ? <AuditTable entries={entries} /> : null}
      {failed ? <Notice tone="error">{errorMessage(failed.error)}</Notice> : null}
      {last?.data?.length === pageSize || loadingMore || failed ? (
        <LoadMore loading={loadingMore} failed={Boolean(failed)} onClick={loadMore} />
      ) : null}
    </div>
  );
}
