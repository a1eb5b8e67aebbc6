'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Notice } from '~/components/notice';
import { summarizeFleet, type FleetSummary } from '~/lib/fleet-summary';
import { formatBytes, formatNumber } from '~/lib/format';
import { nodeStatuses } from '~/lib/types';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

const statusHints = {
  healthy: 'heartbeating, Redis up',
  degraded: 'heartbeating, Redis down',
  down: 'no heartbeat for 15 s',
  pending: 'enrolled, never reported',
} as const;

function StatusTiles({ summary }: { summary: FleetSummary }) {
  return (
    <section className="stat-grid" aria-label="Nodes by status">
      {nodeStatuses.map((status) => (
        <div key={status} className="card stat">
          <div className="stat-label">
            <span className={`dot dot-${status}`} aria-hidden="true" />
            {status}
          </div>
          <div className="stat-value">{summary.byStatus[status]}</div>
          <div className="stat-hint">{statusHints[status]}</div>
        </div>
      ))}
    </section>
  );
}

function LoadTiles({ summary }: { summary: FleetSummary }) {
  const share = summary.maxMemoryBytes > 0 ? summary.usedMemoryBytes / summary.maxMemoryBytes : 0;
  return (
    <section className="stat-grid" aria-label="Fleet load">
      <div className="card stat stat-wide">
        <div className="stat-label">Memory used</div>
        <div className="stat-value">{formatBytes(summary.usedMemoryBytes)}</div>
        <div className="stat-hint">
          of {formatBytes(summary.maxMemoryBytes)} configured ({Math.round(share * 100)}%)
        </div>
        <div className="meter" aria-hidden="true">
          <span style={{ width: `${Math.min(100, share * 100)}%` }} />
        </div>
      </div>
      <div className="card stat">
        <div className="stat-label">Operations</div>
        <div className="stat-value">{formatNumber(summary.opsPerSec)}</div>
        <div className="stat-hint">per second, all nodes</div>
      </div>
      <div className="card stat">
        <div className="stat-label">Keys</div>
        <div className="stat-value">{formatNumber(summary.keys)}</div>
        <div className="stat-hint">across {summary.total} nodes</div>
      </div>
    </section>
  );
}

export function Overview() {
  const trpc = useTRPC();
  const nodes = useQuery(trpc.nodes.list.queryOptions(undefined, { refetchInterval: 5_000 }));
  if (nodes.isPending) return <p className="loading">Loading the fleet…</p>;
  if (nodes.isError) return <Notice tone="error">{errorMessage(nodes.error)}</Notice>;
  const summary = summarizeFleet(nodes.data);
  return (
    <div className="stack">
      {summary.total === 0 ? (
        <Notice>
          No hosts have joined yet. Create an enrollment token in{' '}
          <Link href="/settings">Settings</Link> and run the agent command on each cache host.
        </Notice>
      ) : null}
      <StatusTiles summary={summary} />
      <LoadTiles summary={summary} />
      <p>
        <Link href="/nodes">View all {summary.total} nodes →</Link>
      </p>
    </div>
  );
}
