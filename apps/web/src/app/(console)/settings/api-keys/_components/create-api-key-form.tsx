'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { Notice } from '~/components/notice';
import type { ApiKeyScope, CreatedApiKey } from '~/lib/namespaces';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { ScopeRows } from './scope-rows';

const firstScope: ApiKeyScope[] = [{ namespace: '', permission: 'read' }];

export function CreateApiKeyForm(props: { onCreated: (key: CreatedApiKey) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState(firstScope);
  const create = useMutation(
    trpc.apiKeys.create.mutationOptions({
      onSuccess: async (key) => {
        props.onCreated(key);
        setName('');
        setScopes(firstScope);
        await queryClient.invalidateQueries(trpc.apiKeys.list.queryFilter());
      },
    }),
  );
  const errors = fieldErrors(create.error);
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ name, scopes });
  };
  return (
    <form onSubmit={submit} className="stack" aria-label="New API key">
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <div className="form-grid">
        <TextField
          id="api-key-name"
          label="Key name"
          value={name}
          error={errors.name}
          autoComplete="off"
          hint="e.g. orders-service"
          onChange={setName}
        />
      </div>
      <ScopeRows scopes={scopes} onChange={setScopes} errors={errors} />
      <div>
        <button type="submit" className="button" disabled={create.isPending}>
          Create API key
        </button>
      </div>
    </form>
  );
}
