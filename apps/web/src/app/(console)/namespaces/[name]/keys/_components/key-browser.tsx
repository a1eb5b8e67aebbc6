'use client';

import { useQuery } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { InvalidateTag } from './invalidate-tag';
import { KeyDetailsPanel } from './key-details';
import { KeyList } from './key-list';

/** Cursor paging: the cursors of the pages seen so far, so "previous" needs no server state. */
function useScan(namespace: string) {
  const trpc = useTRPC();
  const [pattern, setPattern] = useState('*');
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const cursor = cursors.at(-1) ?? null;
  const page = useQuery(trpc.keys.scan.queryOptions({ namespace, pattern, cursor, count: 100 }));
  return {
    page,
    pageNumber: cursors.length,
    search: (next: string) => {
      setPattern(next);
      setCursors([null]);
    },
    next: () => {
      const nextCursor = page.data?.cursor;
      if (nextCursor) setCursors((c) => [...c, nextCursor]);
    },
    previous: () => {
      setCursors((c) => (c.length > 1 ? c.slice(0, -1) : c));
    },
  };
}

function PatternForm({ onSearch }: { onSearch: (pattern: string) => void }) {
  const [draft, setDraft] = useState('*');
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSearch(draft.trim() === '' ? '*' : draft);
  };
  return (
    <form onSubmit={submit} className="toolbar" aria-label="Scan keys">
      <label htmlFor="key-pattern" className="small">
        Pattern
      </label>
      <input
        id="key-pattern"
        value={draft}
        maxLength={256}
        placeholder="user:*"
        onChange={(e) => {
          setDraft(e.target.value);
        }}
      />
      <button type="submit" className="button button-small">
        Scan
      </button>
    </form>
  );
}

export function KeyBrowser({ namespace, canEdit }: { namespace: string; canEdit: boolean }) {
  const scan = useScan(namespace);
  const [selected, setSelected] = useState<string | null>(null);
  return (
    <div className="stack">
      <section className="card">
        <div className="card-body stack">
          <PatternForm onSearch={scan.search} />
          {scan.page.isError ? <Notice tone="error">{errorMessage(scan.page.error)}</Notice> : null}
          <KeyList
            scan={scan}
            selected={selected}
            onSelect={(key) => {
              setSelected(key);
            }}
          />
        </div>
      </section>
      {selected ? (
        <KeyDetailsPanel
          namespace={namespace}
          keyName={selected}
          canEdit={canEdit}
          onGone={() => {
            setSelected(null);
          }}
        />
      ) : null}
      {canEdit ? <InvalidateTag namespace={namespace} /> : null}
    </div>
  );
}

export type Scan = ReturnType<typeof useScan>;
