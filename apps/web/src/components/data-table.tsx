import type { ReactNode } from 'react';

export interface DataTableColumn {
  label: string;
  /** Right-aligned, for figures and row actions. */
  numeric?: boolean;
  /** Read by screen readers only (e.g. an "Actions" column of buttons). */
  hidden?: boolean;
}

/** The console's table: a screen-reader caption, a header row, and the caller's rows. */
export function DataTable(props: {
  caption: string;
  columns: readonly DataTableColumn[];
  children: ReactNode;
  className?: string;
}) {
  return (
    <div className={props.className ? `${props.className} table-wrap` : 'table-wrap'}>
      <table>
        <caption className="visually-hidden">{props.caption}</caption>
        <thead>
          <tr>
            {props.columns.map((column) => (
              <th key={column.label} scope="col" className={column.numeric ? 'numeric' : undefined}>
                {column.hidden ? (
                  <span className="visually-hidden">{column.label}</span>
                ) : (
                  column.label
                )}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}
