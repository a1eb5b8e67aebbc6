'use client';

import { DataTable } from '~/components/data-table';
import { formatRanges, type ClusterDetail, type NodeView } from '../../_components/fleet-types';
import { NodeActions } from './node-actions';
import { NodeHealth } from './node-health';
import { primaryColour } from './slot-map';

function NodeRow(props: {
  node: NodeView;
  primary: NodeView | null;
  colour: string | null;
  view: ClusterDetail;
  canOperate: boolean;
}) {
  const { node, primary } = props;
  return (
    <tr
      className={primary ? 'replica-row' : undefined}
      data-testid="topology-node"
      data-agent={node.agentName}
      data-role={node.role}
      data-health={node.health}
    >
      <td className="cell-primary">
        {props.colour ? (
          <span className="slot-swatch" style={{ background: props.colour }} />
        ) : null}
        {node.agentName}
      </td>
      <td>{primary ? `replica of ${primary.agentName}` : node.role}</td>
      <td>
        <NodeHealth node={node} />
      </td>
      <td className="mono">
        {node.host}:{node.port}
      </td>
      <td className="numeric">{node.role === 'primary' ? node.slotCount : '—'}</td>
      <td className="mono small">{node.role === 'primary' ? formatRanges(node.slotRanges) : ''}</td>
      <td className="numeric">
        {props.canOperate ? <NodeActions node={node} primary={primary} /> : null}
      </td>
    </tr>
  );
}

/** Primaries in slot order, each followed by its replicas; role, health, address and slots. */
export function Topology({ view, canOperate }: { view: ClusterDetail; canOperate: boolean }) {
  return (
    <section className="card" aria-labelledby="topology-heading" data-testid="topology">
      <div className="card-body">
        <h2 id="topology-heading" className="subheading">
          Topology
        </h2>
      </div>
      <DataTable
        caption="Cluster topology"
        columns={[
          { label: 'Node' },
          { label: 'Role' },
          { label: 'Health' },
          { label: 'Address' },
          { label: 'Slots', numeric: true },
          { label: 'Ranges' },
          { label: 'Actions', numeric: true, hidden: true },
        ]}
      >
        {view.primaries.flatMap((p, i) => [
          <NodeRow
            key={p.id}
            node={p}
            primary={null}
            colour={primaryColour(i)}
            view={view}
            canOperate={canOperate}
          />,
          ...p.replicas.map((r) => (
            <NodeRow
              key={r.id}
              node={r}
              primary={p}
              colour={null}
              view={view}
              canOperate={canOperate}
            />
          )),
        ])}
        {view.unattachedReplicas.map((r) => (
          <NodeRow
            key={r.id}
            node={r}
            primary={null}
            colour={null}
            view={view}
            canOperate={canOperate}
          />
        ))}
      </DataTable>
    </section>
  );
}
