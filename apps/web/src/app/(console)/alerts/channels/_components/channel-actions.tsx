'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Channel } from '~/lib/alerting';
import { InlineError, RowActionButton } from '~/components/row-action';
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
      <InlineError error={error} />
      {test.isSuccess ? <span role="status">Test sent.</span> : null}
      <RowActionButton
        tone="ghost"
        pending={test.isPending}
        onClick={() => {
          test.mutate({ id: channel.id });
        }}
      >
        Send test notification <span className="visually-hidden">to {channel.name}</span>
      </RowActionButton>
      <RowActionButton
        pending={remove.isPending}
        onClick={() => {
          remove.mutate({ id: channel.id });
        }}
      >
        Delete <span className="visually-hidden">{channel.name}</span>
      </RowActionButton>
    </div>
  );
}
