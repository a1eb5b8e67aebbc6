'use client';

import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { SelectField } from '~/app/(console)/alerts/rules/_components/select-field';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { ConfirmButton } from '~/components/confirm-button';
import { fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { evictionPolicies, type ClusterDetail } from '../../_components/fleet-types';
import { Launched, useRefreshAfterLaunch } from './launched';

type Policy = (typeof evictionPolicies)[number];
const keep = '' as const;

const options = [
  { value: keep, label: 'unchanged' },
  ...evictionPolicies.map((p) => ({ value: p, label: p })),
];

function PolicyField(props: {
  value: Policy | typeof keep;
  onChange: (value: Policy | typeof keep) => void;
  error: string | undefined;
}) {
  return (
    <div>
      <SelectField
        id="cluster-policy"
        label="Eviction policy"
        value={props.value}
        options={options}
        onChange={props.onChange}
      />
      {props.error ? <span className="field-error">{props.error}</span> : null}
    </div>
  );
}

/** maxmemory and eviction policy, applied node by node (a rolling apply). */
export function ConfigChange({ view }: { view: ClusterDetail }) {
  const trpc = useTRPC();
  const refresh = useRefreshAfterLaunch();
  const [maxmemory, setMaxmemory] = useState(view.cluster.maxmemory ?? '');
  const current = evictionPolicies.find((p) => p === view.cluster.maxmemoryPolicy);
  const [policy, setPolicy] = useState<Policy | typeof keep>(current ?? keep);
  const change = useMutation(trpc.clusters.changeConfig.mutationOptions({ onSuccess: refresh }));
  const errors = fieldErrors(change.error);
  return (
    <section className="card" aria-labelledby="config-heading">
      <div className="card-body stack">
        <h2 id="config-heading" className="subheading">
          Memory settings
        </h2>
        <div className="form-grid">
          <TextField
            id="cluster-maxmemory"
            label="maxmemory"
            value={maxmemory}
            onChange={setMaxmemory}
            required={false}
            error={errors.maxmemory}
            hint="bytes or 100mb, 2gb; 0 means no limit; empty leaves it unchanged"
          />
          <PolicyField value={policy} onChange={setPolicy} error={errors.maxmemoryPolicy} />
        </div>
        <div className="toolbar">
          <ConfirmButton
            question="Apply these settings to every node, one at a time?"
            pending={change.isPending}
            error={change.error}
            onConfirm={() => {
              change.mutate({
                clusterId: view.cluster.id,
                maxmemory: maxmemory.trim() === '' ? null : maxmemory.trim(),
                maxmemoryPolicy: policy === keep ? null : policy,
              });
            }}
          >
            Apply config
          </ConfirmButton>
          <Launched operation={change.data} />
        </div>
      </div>
    </section>
  );
}
