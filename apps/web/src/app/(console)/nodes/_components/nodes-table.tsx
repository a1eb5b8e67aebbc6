'use client';

import { StatusBadge } from '~/components/status-badge';
import { formatAgo, formatBytes, formatNumber } from '~/lib/format';
import type { Node } from '~/lib/types';
import { useNow } from '~/lib/use-now';

function address(node: Node): string {
  if (!node.address) return '—';
  return node.redisPort === null ? node.address : `${node.address}:${node.redisPort}`;
}

function memory(node: Node): string {
  if (!node.stats) return '—';
  const max = node.stats.maxMemoryBytes > 0 ? formatBytes(node.stats.maxMemoryBytes) : 'no limit';
  return `${formatBytes(node.stats.usedMemoryBytes)} / ${max}`;
}

function NodeRow({ node, now }: { node: Node; now: number }) {
  return (
    <tr data-testid="node-row">
      <td className="cell-primary" title={`host ${node.hostname}`}>
        {node.name}
      </td>
      <td className="mono">{address(node)}</td>
      <td>
        <StatusBadge status={node.status} />
      </td>
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

export function NodesTable({ nodes }: { nodes: readonly Node[] }) {
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
            <NodeRow key={node.id} node={node} now={now} />
          ))}
        </tbody>
      </table>
    </div>
  );
}
