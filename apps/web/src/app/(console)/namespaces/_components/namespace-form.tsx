'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState, type SubmitEvent } from 'react';
import { SelectField } from '~/app/(console)/alerts/rules/_components/select-field';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { Notice } from '~/components/notice';
import type { NamespaceDetail } from '~/lib/namespaces';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { draftOf, emptyDraft, inputOf, type NamespaceDraft } from './namespace-draft';
import { PolicyFields } from './policy-fields';
import { SourceFields } from './source-fields';

/** Creates, or updates the namespace being edited; both return to its page when saved. */
function useSaveNamespace(editing: boolean) {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const onSuccess = async (saved: { name: string }) => {
    await queryClient.invalidateQueries(trpc.namespaces.pathFilter());
    router.push(`/namespaces/${saved.name}`);
  };
  const create = useMutation(trpc.namespaces.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.namespaces.update.mutationOptions({ onSuccess }));
  const save = (draft: NamespaceDraft) => {
    const { clusterId: _cluster, ...settings } = inputOf(draft);
    if (editing) update.mutate(settings);
    else create.mutate(inputOf(draft));
  };
  const state = editing ? update : create;
  return { save, error: state.error, pending: state.isPending, saved: state.isSuccess };
}

function ClusterField(props: { value: string; onChange: (id: string) => void; error?: string }) {
  const trpc = useTRPC();
  const clusters = useQuery(trpc.clusters.list.queryOptions());
  const options = [
    { value: '', label: clusters.isPending ? 'Loading…' : 'Choose a cluster' },
    ...(clusters.data ?? []).map((c) => ({ value: c.id, label: c.name })),
  ];
  return (
    <div>
      <SelectField
        id="ns-cluster"
        label="Cluster"
        value={props.value}
        options={options}
        onChange={props.onChange}
      />
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </div>
  );
}

/** The whole namespace: name and cluster (fixed once created), policy, and source mapping. */
export function NamespaceForm({ editing }: { editing?: NamespaceDetail }) {
  const [draft, setDraft] = useState(editing ? draftOf(editing) : emptyDraft);
  const { save, error, pending } = useSaveNamespace(Boolean(editing));
  const errors = fieldErrors(error);
  const set = (patch: Partial<NamespaceDraft>) => {
    setDraft((current) => ({ ...current, ...patch }));
  };
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    save(draft);
  };
  return (
    <form
      onSubmit={submit}
      className="stack"
      aria-label={editing ? 'Edit namespace' : 'New namespace'}
    >
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      {editing ? null : (
        <div className="form-grid">
          <TextField
            id="ns-name"
            label="Name"
            value={draft.name}
            error={errors.name}
            hint="Lowercase letter, then a-z 0-9 _ - (up to 63)."
            autoComplete="off"
            onChange={(name) => {
              set({ name });
            }}
          />
          <ClusterField
            value={draft.clusterId}
            error={errors.clusterId}
            onChange={(clusterId) => {
              set({ clusterId });
            }}
          />
        </div>
      )}
      <PolicyFields draft={draft} set={set} errors={errors} />
      <SourceFields draft={draft} set={set} errors={errors} />
      <div className="toolbar">
        <button type="submit" className="button" disabled={pending}>
          {editing ? 'Save namespace' : 'Create namespace'}
        </button>
      </div>
    </form>
  );
}
