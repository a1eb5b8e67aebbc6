import { formatDateTime } from '~/lib/format';
import type { AuditEntry } from '~/lib/types';
import { DataTable } from '~/components/data-table';

/** UUIDs are shortened to their first block; the full id stays in the tooltip. */
function Target({ entry }: { entry: AuditEntry }) {
  if (!entry.targetType) return <span className="muted">—</span>;
  const id = entry.targetId;
  const short = id && id.length > 12 ? `${id.slice(0, 8)}…` : id;
  return (
    <span title={id ?? undefined}>
      {entry.targetType}
      {short ? <span className="muted"> {short}</span> : null}
    </span>
  );
}

/** Details as `key=value` pairs; values that are objects are shown as JSON. */
function details(entry: AuditEntry): string {
  return Object.entries(entry.details)
    .map(([key, value]) => `${key}=${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('  ');
}

export function AuditTable({ entries }: { entries: readonly AuditEntry[] }) {
  return (
    <DataTable
      caption="Audit log entries"
      columns={[
        { label: 'Time' },
        { label: 'Actor' },
        { label: 'Action' },
        { label: 'Target' },
        { label: 'Details' },
      ]}
    >
      {entries.map((entry) => (
        <tr key={entry.id} data-testid="audit-row">
          <td>
            <time dateTime={entry.at}>{formatDateTime(entry.at)}</time>
          </td>
          <td>
            {entry.actorLabel}
            <span className="cell-secondary">{entry.actorType}</span>
          </td>
          <td className="mono">{entry.action}</td>
          <td className="mono small">
            <Target entry={entry} />
          </td>
          <td className="mono small muted details-cell">{details(entry)}</td>
        </tr>
      ))}
    </DataTable>
  );
}
