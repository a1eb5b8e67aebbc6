'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '~/lib/alerting';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** "Send test notification" and delete, each reporting its own outcome. */
export function ChannelActions({ channel }: { channel: Channel }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries(trpc.channels.list.queryFilter());
  const test = useMutation(trpc.channels.sendTest.mutationOptions({ onSettled }));
  const remove = useMutation(trpc.channels.delete.mutationOptions({ onSettled }));
  const error = test.error ?? remove.error;
  return (
    <div className="toolbar">
      {error ? (
        <span className="field-error" role="alert">
          {errorMessage(error)}
        </span>
      ) : null}
      {test.isSuccess ? <span role="status">Test sent.</span> : null}
      <button
        type="button"
        className="button button-small button-ghost"
        disabled={test.isPending}
        onClick={() => {
          test.mutate({ id: channel.id });
        }}
      >
        Send test notification <span className="visually-hidden">to {channel.name}</span>
      </button>
      <button
        type="button"
        className="button button-small button-danger"
        disabled={remove.isPending}
        onClick={() => {
          remove.mutate({ id: channel.id });
        }}
      >
        Delete <span className="visually-hidden">{channel.name}</span>
      </button>
    </div>
  );
}
