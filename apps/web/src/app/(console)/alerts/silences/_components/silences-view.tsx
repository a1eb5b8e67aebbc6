'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { InlineError, RowActionButton } from '~/components/row-action';
import { PageHeader } from '~/components/page-header';
import type { Silence } from '~/lib/alerting';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AlertingNav } from '../../_components/alerting-nav';
import { DataTable } from '~/components/data-table';

function ExpireButton({ silence }: { silence: Silence }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const expire = useMutation(
    trpc.alerts.expireSilence.mutationOptions({
      onSettled: () => queryClient.invalidateQueries(trpc.alerts.silences.queryFilter()),
    }),
  );
  return (
    <>
      <InlineError error={expire.error} />
      <RowActionButton
        pending={expire.isPending}
        onClick={() => {
          expire.mutate({ id: silence.id });
        }}
      >
        Expire
      </RowActionButton>
    </>
  );
}

function SilenceRow({ silence }: { silence: Silence }) {
  const matchers = silence.matchers.map((m) => `${m.name}${m.isRegex ? '=~' : '='}"${m.value}"`);
  const state = silence.status.state;
  return (
    <tr data-testid="silence-row">
      <td className="mono wrap">{matchers.join(', ')}</td>
      <td>
        <span className={`badge badge-${state === 'active' ? 'active' : 'expired'}`}>{state}</span>
      </td>
      <td>{formatDateTime(silence.endsAt)}</td>
      <td>{silence.createdBy}</td>
      <td className="wrap">{silence.comment}</td>
      <td className="numeric">{state === 'expired' ? null : <ExpireButton silence={silence} />}</td>
    </tr>
  );
}

/** Alertmanager's silences; "Silence 1 h" on the alerts page creates them. */
export function SilencesView() {
  const trpc = useTRPC();
  const silences = useQuery(
    trpc.alerts.silences.queryOptions(undefined, { refetchInterval: 10_000 }),
  );
  return (
    <>
      <PageHeader
        title="Silences"
        description="Alerts matching a silence are not notified."
        actions={<AlertingNav />}
      />
      {silences.isError ? <Notice tone="error">{errorMessage(silences.error)}</Notice> : null}
      {silences.data?.length === 0 ? <p className="loading">No silences.</p> : null}
      {silences.data && silences.data.length > 0 ? (
        <DataTable
          caption="Silences"
          columns={[
            { label: 'Matchers' },
            { label: 'State' },
            { label: 'Ends' },
            { label: 'Created by' },
            { label: 'Comment' },
            { label: 'Actions', numeric: true, hidden: true },
          ]}
        >
          {silences.data.map((silence) => (
            <SilenceRow key={silence.id} silence={silence} />
          ))}
        </DataTable>
      ) : null}
    </>
  );
}
