'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { channelKinds } from '~/lib/alerting';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { SelectField } from '../../rules/_components/select-field';
import { channelOf, emptyChannel, type ChannelDraft } from './channel-draft';

const kindLabels = {
  webhook: 'Webhook (signed)',
  slack: 'Slack-compatible',
  email: 'Email (SMTP)',
};

function useCreateChannel(onCreated: (secret: string | null) => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  return useMutation(
    trpc.channels.create.mutationOptions({
      onSuccess: async (created) => {
        onCreated(created.signingSecret);
        await queryClient.invalidateQueries(trpc.channels.list.queryFilter());
      },
    }),
  );
}

/** Target fields for the chosen kind: a URL, or SMTP server, sender and recipients. */
function TargetFields(props: { draft: ChannelDraft; set: (patch: Partial<ChannelDraft>) => void }) {
  const bind = (name: 'url' | 'smtpUrl' | 'from' | 'to') => ({
    id: `channel-${name}`,
    value: props.draft[name],
    autoComplete: 'off',
    onChange: (value: string) => {
      props.set({ [name]: value });
    },
  });
  if (props.draft.kind !== 'email') return <TextField {...bind('url')} label="URL" />;
  return (
    <>
      <TextField {...bind('smtpUrl')} label="SMTP URL" hint="smtp://user:password@host:587" />
      <TextField {...bind('from')} label="From" type="email" />
      <TextField {...bind('to')} label="To" hint="Comma-separated addresses" />
    </>
  );
}

/** Adds a channel; a webhook's signing secret is shown once, right here. */
export function ChannelForm() {
  const [draft, setDraft] = useState(emptyChannel);
  const [secret, setSecret] = useState<string | null>(null);
  const create = useCreateChannel((signingSecret) => {
    setSecret(signingSecret);
    setDraft(emptyChannel);
  });
  const set = (patch: Partial<ChannelDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSecret(null);
    create.mutate({ channel: channelOf(draft), minSeverity: 'info' });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="New channel">
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      {secret ? (
        <Notice tone="success">
          Channel added. Its signing secret, shown once:{' '}
          <code aria-label="Signing secret">{secret}</code>
        </Notice>
      ) : null}
      <div className="form-grid">
        <SelectField
          id="channel-kind"
          label="Kind"
          value={draft.kind}
          options={channelKinds.map((kind) => ({ value: kind, label: kindLabels[kind] }))}
          onChange={(kind) => {
            set({ kind });
          }}
        />
        <TextField
          id="channel-name"
          label="Name"
          value={draft.name}
          onChange={(name) => {
            set({ name });
          }}
        />
        <TargetFields draft={draft} set={set} />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Add channel
          </button>
        </div>
      </div>
    </form>
  );
}
