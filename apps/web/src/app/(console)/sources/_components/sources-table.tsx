'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '~/components/confirm-button';
import { DataTable } from '~/components/data-table';
import { Notice } from '~/components/notice';
import { InlineError, RowActionButton } from '~/components/row-action';
import { formatDateTime } from '~/lib/format';
import type { DataSource, SourceTest } from '~/lib/namespaces';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

function TestResult({ result }: { result: SourceTest | undefined }) {
  if (!result) return null;
  if (result.ok) {
    return (
      <span className="small" role="status">
        ok — {result.latencyMs} ms, {result.serverVersion.split(' on ')[0]}{' '}
      </span>
    );
  }
  return (
    <span className="field-error" role="alert">
      {result.error}{' '}
    </span>
  );
}

function SourceActions({ source }: { source: DataSource }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const test = useMutation(trpc.dataSources.testConnection.mutationOptions());
  const remove = useMutation(
    trpc.dataSources.delete.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.dataSources.list.queryFilter()),
    }),
  );
  return (
    <div className="toolbar row-actions">
      <TestResult result={test.data} />
      <InlineError error={test.error} />
      <RowActionButton
        tone="ghost"
        pending={test.isPending}
        onClick={() => {
          test.mutate({ id: source.id });
        }}
      >
        Test connection <span className="visually-hidden">{source.name}</span>
      </RowActionButton>
      <ConfirmButton
        question={`Delete ${source.name}?`}
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          remove.mutate({ id: source.id });
        }}
      >
        Delete <span className="visually-hidden">{source.name}</span>
      </ConfirmButton>
    </div>
  );
}

export function SourcesTable({ canEdit }: { canEdit: boolean }) {
  const trpc = useTRPC();
  const sources = useQuery(trpc.dataSources.list.queryOptions());
  if (sources.isPending) return <p className="loading">Loading sources…</p>;
  if (sources.isError) return <Notice tone="error">{errorMessage(sources.error)}</Notice>;
  if (sources.data.length === 0) return <p className="loading">No data sources yet.</p>;
  return (
    <DataTable
      caption="Data sources"
      columns={[
        { label: 'Name' },
        { label: 'Connection' },
        { label: 'Created' },
        ...(canEdit ? [{ label: 'Actions', numeric: true, hidden: true }] : []),
      ]}
    >
      {sources.data.map((source) => (
        <tr key={source.id} data-testid="source-row">
          <td className="cell-primary">{source.name}</td>
          <td className="mono">{source.redacted}</td>
          <td>{formatDateTime(source.createdAt)}</td>
          {canEdit ? (
            <td className="numeric">
              <SourceActions source={source} />
            </td>
          ) : null}
        </tr>
      ))}
    </DataTable>
  );
}
