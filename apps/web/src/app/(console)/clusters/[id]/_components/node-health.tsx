import { StatusBadge } from '~/components/status-badge';
import { formatBytes } from '~/lib/format';
import type { NodeView } from '../../_components/fleet-types';

/** What a health word means for this node, as the badge's tooltip and, when it matters, a note. */
const meaning: Record<NodeView['health'], string> = {
  ok: 'reachable, and as its peers see it, fine',
  pfail: 'some peers cannot reach it (suspected failure)',
  fail: 'its peers agree it has failed',
  disconnected: 'not heard from recently, or not connected to the cluster bus',
  syncing: 'first sync with its primary not finished: cannot take over yet',
};

/** The health badge of a topology row; a syncing replica says why, a replica shows its lag. */
export function NodeHealth({ node }: { node: NodeView }) {
  const lag = node.replicationLagBytes;
  return (
    <span title={meaning[node.health]}>
      <StatusBadge status={node.health} />
      {node.health === 'syncing' ? (
        <span className="muted small" data-testid="node-health-note">
          {' '}
          first sync, cannot take over yet
        </span>
      ) : null}
      {lag !== null && lag > 0 ? (
        <span className="muted small"> {formatBytes(lag)} behind</span>
      ) : null}
    </span>
  );
}
