'use client';

import { DataTable } from '~/components/data-table';
import type { Scan } from './key-browser';

/** One page of keys; pages can be short or empty before the scan ends (SCAN's nature). */
export function KeyList(props: {
  scan: Scan;
  selected: string | null;
  onSelect: (key: string) => void;
}) {
  const { page, pageNumber } = props.scan;
  if (page.isPending) return <p className="loading">Scanning…</p>;
  const keys = page.data?.keys ?? [];
  return (
    <>
      {keys.length === 0 ? (
        <p className="loading">No keys on this page.</p>
      ) : (
        <DataTable caption="Keys" columns={[{ label: 'Key' }]}>
          {keys.map((key) => (
            <tr key={key} data-testid="key-row" aria-selected={props.selected === key}>
              <td className="mono wrap">
                <button
                  type="button"
                  className="link-button"
                  onClick={() => {
                    props.onSelect(key);
                  }}
                >
                  {key}
                </button>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <div className="toolbar">
        <span className="small muted">Page {pageNumber}</span>
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={pageNumber === 1}
          onClick={props.scan.previous}
        >
          Previous page
        </button>
        <button
          type="button"
          className="button button-small button-ghost"
          disabled={!page.data?.cursor}
          onClick={props.scan.next}
        >
          Next page
        </button>
        {page.data && !page.data.cursor ? (
          <span className="small muted">End of the scan.</span>
        ) : null}
      </div>
    </>
  );
}
