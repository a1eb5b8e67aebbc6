'use client';

import Link from 'next/link';
import { StatusBadge } from '~/components/status-badge';
import { formatAgo, formatBytes, formatNumber } from '~/lib/format';
import type { Node } from '~/lib/types';
import { useNow } from '~/lib/use-now';
import { AgentVersionCell } from './agent-version-cell';
import { DataTable } from '~/components/data-table';

function address(node: Node): string {
  if (!node.address) return '—';
  return node.redisPort === null ? node.address : `${node.address}:${node.redisPort}`;
}

function memory(node: Node): string {
  if (!node.stats) return '—';
  const max = node.stats.maxMemoryBytes > 0 ? formatBytes(node.stats.maxMemoryBytes) : 'no limit';
  return `${formatBytes(node.stats.usedMemoryBytes)} / ${max}`;
}

interface RowProps {
  node: Node;
  now: number;
  latest: string | null;
}

function NodeRow({ node, now, latest }: RowProps) {
  return (
    <tr data-testid="node-row">
      <td className="cell-primary" title={`host ${node.hostname}`}>
        <Link href={`/nodes/${node.id}`}>{node.name}</Link>
      </td>
      <td className="mono">{address(node)}</td>
      <td>
        <StatusBadge status={node.status} />
      </td>
      <AgentVersionCell node={node} latest={latest} />
      <td>{node.redisVersion ?? '—'}</td>
      <td className="numeric">{memory(node)}</td>
      <td className="numeric">{node.stats ? formatNumber(node.stats.opsPerSec) : '—'}</td>
      <td>
        {node.lastHeartbeatAt ? (
          <time dateTime={node.lastHeartbeatAt} title={node.lastHeartbeatAt}>
            {formatAgo(node.lastHeartbeatAt, now)}
          </time>
        ) : (
          <span className="muted">never</span>
        )}
      </td>
    </tr>
  );
}

export function NodesTable({ nodes, latest }: { nodes: readonly Node[]; latest: string | null }) {
  const now = useNow();
  return (
    <DataTable
      caption="Nodes in the fleet"
      columns={[
        { label: 'Name' },
        { label: 'Address' },
        { label: 'Status' },
        { label: 'Agent' },
        { label: 'Redis' },
        { label: 'Memory used / max', numeric: true },
        { label: 'Ops/s', numeric: true },
        { label: 'Last heartbeat' },
      ]}
      className="card"
    >
      {nodes.map((node) => (
        <NodeRow key={node.id} node={node} now={now} latest={latest} />
      ))}
    </DataTable>
  );
}
