'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { tokenLifetimes } from '~/lib/enrollment';
import type { CreatedEnrollmentToken } from '~/lib/types';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';

export function CreateTokenForm(props: { onCreated: (token: CreatedEnrollmentToken) => void }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [note, setNote] = useState('');
  const [ttlMinutes, setTtlMinutes] = useState(60);
  const create = useMutation(
    trpc.enrollment.create.mutationOptions({
      onSuccess: async (token) => {
        props.onCreated(token);
        setNote('');
        await queryClient.invalidateQueries(trpc.enrollment.list.queryFilter());
      },
    }),
  );
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    create.mutate({ note, ttlMinutes });
  };
  return (
    <form onSubmit={submit} className="stack">
      {create.isError ? <Notice tone="error">{errorMessage(create.error)}</Notice> : null}
      <div className="form-grid">
        <div className="field">
          <label htmlFor="token-note">Note</label>
          <input
            id="token-note"
            maxLength={200}
            placeholder="e.g. cache-eu-3"
            value={note}
            onChange={(e) => {
              setNote(e.target.value);
            }}
          />
        </div>
        <div className="field">
          <label htmlFor="token-ttl">Expires after</label>
          <select
            id="token-ttl"
            value={ttlMinutes}
            onChange={(e) => {
              setTtlMinutes(Number(e.target.value));
            }}
          >
            {tokenLifetimes.map((option) => (
              <option key={option.minutes} value={option.minutes}>
                {option.label}
              </option>
            ))}
          </select>
        </div>
        <div className="form-actions">
          <button type="submit" className="button" disabled={create.isPending}>
            Create enrollment token
          </button>
        </div>
      </div>
    </form>
  );
}
