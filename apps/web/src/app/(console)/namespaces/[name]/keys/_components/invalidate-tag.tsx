'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

/** Drops every cached entry carrying a tag, in L2 and every L1; the source keeps its rows. */
export function InvalidateTag({ namespace }: { namespace: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [tag, setTag] = useState('');
  const invalidate = useMutation(
    trpc.keys.invalidate.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.keys.pathFilter()),
    }),
  );
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    invalidate.mutate({ namespace, tag });
  };
  return (
    <section className="card" aria-labelledby="tag-heading">
      <div className="card-body stack">
        <h2 id="tag-heading" className="subheading">
          Invalidate a tag
        </h2>
        {invalidate.isError ? <Notice tone="error">{errorMessage(invalidate.error)}</Notice> : null}
        {invalidate.isSuccess ? (
          <Notice tone="success">
            Entries tagged {'tag' in invalidate.variables ? invalidate.variables.tag : ''} were
            dropped.
          </Notice>
        ) : null}
        <form onSubmit={submit} className="toolbar" aria-label="Invalidate a tag">
          <label htmlFor="tag-name" className="small">
            Tag
          </label>
          <input
            id="tag-name"
            required
            maxLength={256}
            value={tag}
            onChange={(e) => {
              setTag(e.target.value);
            }}
          />
          <button type="submit" className="button button-small button-ghost">
            Invalidate tag
          </button>
        </form>
      </div>
    </section>
  );
}
