'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { ConfirmButton } from '~/components/confirm-button';
import { InlineError, RowActionButton } from '~/components/row-action';
import { useTRPC } from '~/trpc/react';

/** Delete (source per write mode, L2 tombstone, every L1) or invalidate (cached copies only). */
export function KeyActions(props: { namespace: string; keyName: string; onGone: () => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries(trpc.keys.pathFilter());
  const remove = useMutation(
    trpc.keys.delete.mutationOptions({
      onSuccess: async () => {
        props.onGone();
        await refresh();
      },
    }),
  );
  const invalidate = useMutation(trpc.keys.invalidate.mutationOptions({ onSuccess: refresh }));
  const target = { namespace: props.namespace, key: props.keyName };
  return (
    <div className="toolbar">
      <InlineError error={invalidate.error} />
      {invalidate.isSuccess ? (
        <span className="small" role="status">
          Invalidated.
        </span>
      ) : null}
      <RowActionButton
        tone="ghost"
        pending={invalidate.isPending}
        onClick={() => {
          invalidate.mutate({ namespace: props.namespace, keys: [props.keyName] });
        }}
      >
        Invalidate
      </RowActionButton>
      <ConfirmButton
        question="Delete this key from the source and every cache?"
        pending={remove.isPending}
        error={remove.error}
        onConfirm={() => {
          remove.mutate(target);
        }}
      >
        Delete key
      </ConfirmButton>
    </div>
  );
}
