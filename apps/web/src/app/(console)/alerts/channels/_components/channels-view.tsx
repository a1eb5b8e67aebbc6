'use client';

import { useQuery } from '@tanstack/react-query';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import type { Channel } from '~/lib/alerting';
import { formatDateTime } from '~/lib/format';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AlertingNav } from '../../_components/alerting-nav';
import { ChannelActions } from './channel-actions';
import { ChannelForm } from './channel-form';
import { DataTable } from '~/components/data-table';

function ChannelRow({ channel }: { channel: Channel }) {
  const target = channel.target.url ?? channel.target.to?.join(', ') ?? '';
  return (
    <tr data-testid="channel-row">
      <td className="cell-primary">{channel.name}</td>
      <td>{channel.kind}</td>
      <td className="mono wrap">{target}</td>
      <td>
        {channel.lastError ? (
          <span className="field-error">{channel.lastError}</span>
        ) : channel.lastDeliveryAt ? (
          formatDateTime(channel.lastDeliveryAt)
        ) : (
          <span className="muted">never</span>
        )}
      </td>
      <td className="numeric">
        <ChannelActions channel={channel} />
      </td>
    </tr>
  );
}

function ChannelsTable({ channels }: { channels: Channel[] }) {
  if (channels.length === 0) return <p className="loading">No channels yet.</p>;
  return (
    <DataTable
      caption="Notification channels"
      columns={[
        { label: 'Name' },
        { label: 'Kind' },
        { label: 'Target' },
        { label: 'Last delivery' },
        { label: 'Actions', numeric: true, hidden: true },
      ]}
    >
      {channels.map((channel) => (
        <ChannelRow key={channel.id} channel={channel} />
      ))}
    </DataTable>
  );
}

/** Where alert notifications go: signed webhooks, Slack-compatible webhooks and email. */
export function ChannelsView() {
  const trpc = useTRPC();
  const channels = useQuery(trpc.channels.list.queryOptions());
  return (
    <>
      <PageHeader
        title="Notification channels"
        description="Every alert group Alertmanager reports is forwarded to these channels."
        actions={<AlertingNav />}
      />
      {channels.isError ? <Notice tone="error">{errorMessage(channels.error)}</Notice> : null}
      {channels.data ? <ChannelsTable channels={channels.data} /> : null}
      <section className="card" aria-labelledby="channel-form-heading">
        <div className="card-body">
          <h2 id="channel-form-heading" className="subheading">
            Add a channel
          </h2>
          <ChannelForm />
        </div>
      </section>
    </>
  );
}
