'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

const empty = { name: '', connectionString: '' };

export function CreateSourceForm() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [form, setForm] = useState(empty);
  const [added, setAdded] = useState<string | null>(null);
  const create = useMutation(
    trpc.dataSources.create.mutationOptions({
      onMutate: () => {
        setAdded(null);
      },
      onSuccess: async (source) => {
        setAdded(source.name);
        setForm(empty);
        await queryClient.invalidateQueries(trpc.dataSources.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate(form);
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="New data source">
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      {added ? <Notice tone="success">Added {added}.</Notice> : null}
      <div className="form-grid">
        <TextField
          id="source-name"
          label="Source name"
          value={form.name}
          error={errors.name}
          autoComplete="off"
          onChange={(name) => {
            setForm((f) => ({ ...f, name }));
          }}
        />
        <TextField
          id="source-connection"
          label="Connection string"
          type="password"
          value={form.connectionString}
          error={errors.connectionString}
          autoComplete="off"
          hint="postgres://user:password@host:5432/database"
          onChange={(connectionString) => {
            setForm((f) => ({ ...f, connectionString }));
          }}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Add source
          </button>
        </div>
      </div>
    </form>
  );
}
