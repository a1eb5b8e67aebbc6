'use client';

import type { RouterOutputs } from '@cachefleet/api';
import { useQuery } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { formatBytes } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { KeyActions } from './key-actions';

type KeyDetails = RouterOutputs['keys']['get'];

const stateLabels: Record<KeyDetails['state'], string> = {
  L2: 'L2 (Redis) holds a value',
  negative: 'L2 caches its absence (negative entry)',
  tombstone: 'deleted: L2 keeps a tombstone',
  absent: 'not in L2',
};

function tierText(details: KeyDetails): string {
  const source =
    details.inSource === null
      ? (details.sourceError ?? 'no source')
      : details.inSource
        ? 'the source has its row'
        : 'no row in the source';
  return `${stateLabels[details.state]}; ${source}`;
}

function Ttl({ ms }: { ms: number | null }) {
  if (ms === null) return <span className="muted">none</span>;
  return <>{(ms / 1000).toFixed(ms < 10_000 ? 1 : 0)} s</>;
}

function Facts({ details }: { details: KeyDetails }) {
  return (
    <dl className="facts">
      <dt>Tier</dt>
      <dd data-testid="key-tier">{tierText(details)}</dd>
      <dt>Version</dt>
      <dd className="mono">{details.version ?? '—'}</dd>
      <dt>TTL</dt>
      <dd>
        <Ttl ms={details.ttlMs} />
      </dd>
      <dt>Size</dt>
      <dd data-testid="key-size">{formatBytes(details.sizeBytes)}</dd>
      <dt>Tags</dt>
      <dd>
        {details.tags.length > 0 ? details.tags.join(', ') : <span className="muted">none</span>}
      </dd>
      {details.writeBehindPending ? (
        <>
          <dt>Write-behind</dt>
          <dd>queued, not yet in the source</dd>
        </>
      ) : null}
    </dl>
  );
}

/** Value (a preview for large ones, with the full size), TTL, version, size and tier of one key. */
export function KeyDetailsPanel(props: {
  namespace: string;
  keyName: string;
  canEdit: boolean;
  onGone: () => void;
}) {
  const trpc = useTRPC();
  const details = useQuery(
    trpc.keys.get.queryOptions({ namespace: props.namespace, key: props.keyName }),
  );
  return (
    <section className="card" aria-label={`Key ${props.keyName}`}>
      <div className="card-header">
        <h2 className="mono">{props.keyName}</h2>
        {props.canEdit ? (
          <KeyActions namespace={props.namespace} keyName={props.keyName} onGone={props.onGone} />
        ) : null}
      </div>
      <div className="card-body stack">
        {details.isPending ? <p className="loading">Reading the key…</p> : null}
        {details.isError ? <Notice tone="error">{errorMessage(details.error)}</Notice> : null}
        {details.data ? <Facts details={details.data} /> : null}
        {details.data?.preview !== null && details.data?.preview !== undefined ? (
          <div className="field">
            <span className="small muted">
              {details.data.truncated
                ? `Value (first ${formatBytes(details.data.preview.length)} of ${formatBytes(details.data.sizeBytes)})`
                : 'Value'}
            </span>
            <pre className="value-preview" data-testid="key-value">
              {details.data.preview}
              {details.data.truncated ? '…' : ''}
            </pre>
          </div>
        ) : null}
      </div>
    </section>
  );
}
