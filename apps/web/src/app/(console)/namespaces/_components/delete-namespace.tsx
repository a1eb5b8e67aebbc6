'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { ConfirmButton } from '~/components/confirm-button';
import { Notice } from '~/components/notice';
import { useTRPC } from '~/trpc/react';

/** Deleting removes the namespace from every agent and flushes its keys from the cluster. */
export function DeleteNamespace({ name }: { name: string }) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const remove = useMutation(
    trpc.namespaces.delete.mutationOptions({
      onSuccess: async (result) => {
        // A failed flush stays on the page, so the operator reads why the keys remain.
        if (!result.flush.ok) return;
        await queryClient.invalidateQueries(trpc.namespaces.list.queryFilter());
        router.push('/namespaces');
      },
    }),
  );
  const flush = remove.data?.flush;
  return (
    <section className="card" aria-labelledby="delete-heading">
      <div className="card-body stack">
        <div>
          <h2 id="delete-heading" className="subheading">
            Delete this namespace
          </h2>
          <p className="small muted">
            Agents stop serving it and every key under cf:{name}: is flushed from the cluster. Rows
            in the data source are kept.
          </p>
        </div>
        {flush && !flush.ok ? (
          <Notice tone="warning">
            Deleted, but the keys could not be flushed ({flush.error}); they expire with their TTL.
          </Notice>
        ) : null}
        <div>
          <ConfirmButton
            question={`Delete ${name} and flush all its keys?`}
            pending={remove.isPending}
            error={remove.error}
            onConfirm={() => {
              remove.mutate({ name });
            }}
          >
            Delete namespace
          </ConfirmButton>
        </div>
      </div>
    </section>
  );
}
