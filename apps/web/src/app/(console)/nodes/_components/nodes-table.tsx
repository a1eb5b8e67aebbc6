'use client';

import Link from 'next/link';
import { StatusBadge } from '~/components/status-badge';
import { formatAgo, formatBytes, formatNumber } from '~/lib/format';
import type { Node } from '~/lib/types';
import { useNow } from '~/lib/use-now';
import { AgentVersionCell } from './agent-version-cell';

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
    <div className="card table-wrap">
      <table>
        <caption className="visually-hidden">Nodes in the fleet</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Address</th>
            <th scope="col">Status</th>
            <th scope="col">Agent</th>
            <th scope="col">Redis</th>
            <th scope="col" className="numeric">
              Memory used / max
            </th>
            <th scope="col" className="numeric">
              Ops/s
            </th>
            <th scope="col">Last heartbeat</th>
          </tr>
        </thead>
        <tbody>
          {nodes.map((node) => (
            <NodeRow key={node.id} node={node} now={now} latest={latest} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
