'use client';

import { useQuery } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { StatusBadge } from '~/components/status-badge';
import { formatDateTime } from '~/lib/format';
import type { Node } from '~/lib/types';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function Facts({ node }: { node: Node }) {
  const facts: [string, string][] = [
    ['Host', node.hostname],
    ['Address', node.address ? `${node.address} (agent :${String(node.agentPort)})` : '—'],
    ['Agent version', node.version ?? '—'],
    ['Redis', node.redisVersion ? `${node.redisVersion} on :${String(node.redisPort)}` : '—'],
    ['Joined', formatDateTime(node.createdAt)],
  ];
  return (
    <dl className="card facts">
      {facts.map(([label, value]) => (
        <div key={label}>
          <dt className="small muted">{label}</dt>
          <dd className="mono">{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function RecentLogs({ node }: { node: Node }) {
  if (node.recentLogs.length === 0) {
    return <p className="loading">No warnings or errors reported by this agent.</p>;
  }
  return (
    <div className="card table-wrap">
      <table aria-label="Recent agent log lines">
        <thead>
          <tr>
            <th scope="col">Time</th>
            <th scope="col">Level</th>
            <th scope="col">Message</th>
          </tr>
        </thead>
        <tbody>
          {[...node.recentLogs].reverse().map((line, index) => (
            <tr key={`${line.time}-${String(index)}`} data-testid="agent-log-line">
              <td>{line.time}</td>
              <td>{line.level}</td>
              <td className="mono wrap">{line.msg}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** One node: its facts and the agent's recent warn/error log lines, refreshed every 2 s. */
export function NodeDetail({ id }: { id: string }) {
  const trpc = useTRPC();
  const node = useQuery(trpc.nodes.get.queryOptions({ id }, { refetchInterval: 2_000 }));
  if (node.isPending) return <p className="loading">Loading node…</p>;
  if (node.isError) return <Notice tone="error">{errorMessage(node.error)}</Notice>;
  return (
    <>
      <PageHeader
        title={node.data.name}
        description="The agent's host, versions and its most recent warnings and errors."
        actions={<StatusBadge status={node.data.status} />}
      />
      <Facts node={node.data} />
      <h2>Recent agent log lines</h2>
      <RecentLogs node={node.data} />
    </>
  );
}
