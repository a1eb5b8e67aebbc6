'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { ConfirmButton } from '~/components/confirm-button';
import { InlineError } from '~/components/row-action';
import { fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AgentPicker } from './agent-picker';
import { CreatePlanView } from './create-plan';

function ReplicasField(props: { value: number; onChange: (value: number) => void }) {
  return (
    <div className="field">
      <label htmlFor="cluster-replicas">Replicas per primary</label>
      <input
        id="cluster-replicas"
        type="number"
        min={0}
        max={5}
        value={props.value}
        onChange={(e) => {
          props.onChange(Math.max(0, Math.min(5, Number(e.target.value) || 0)));
        }}
      />
    </div>
  );
}

/** Name, agents and replicas; the plan is read back from the server before the operator confirms. */
export function CreateClusterForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [chosen, setChosen] = useState<string[]>([]);
  const [replicas, setReplicas] = useState(0);
  const agents = useQuery({ ...trpc.clusters.idleAgents.queryOptions(), refetchInterval: 3_000 });
  const plan = useQuery({
    ...trpc.clusters.planCreate.queryOptions({ agentIds: chosen, replicas }),
    enabled: chosen.length > 0,
    retry: false,
  });
  const create = useMutation(
    trpc.clusters.create.mutationOptions({
      onSuccess: async (operation) => {
        await queryClient.invalidateQueries(trpc.clusters.pathFilter());
        router.push(`/operations/${operation.id}`);
      },
    }),
  );
  const errors = fieldErrors(create.error);
  return (
    <section className="card">
      <div className="card-body stack">
        <TextField
          id="cluster-name"
          label="Name"
          value={name}
          onChange={setName}
          error={errors.name}
          hint="lower-case letters, digits and dashes"
        />
        <ReplicasField value={replicas} onChange={setReplicas} />
        <AgentPicker agents={agents.data ?? []} chosen={chosen} onChange={setChosen} />
        {errors.agentIds ? <span className="field-error">{errors.agentIds}</span> : null}
        {plan.isError ? <InlineError error={plan.error} /> : null}
        {plan.data ? <CreatePlanView plan={plan.data} agents={agents.data ?? []} /> : null}
        <div className="form-actions">
          <ConfirmButton
            question={`Create ${name || 'the cluster'} from ${chosen.length} agents as planned?`}
            disabled={!plan.data || name.trim() === ''}
            pending={create.isPending}
            error={create.error}
            onConfirm={() => {
              create.mutate({ name: name.trim(), agentIds: chosen, replicas });
            }}
          >
            Create cluster
          </ConfirmButton>
        </div>
      </div>
    </section>
  );
}
