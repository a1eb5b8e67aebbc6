'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type SubmitEvent } from 'react';
import { Notice } from '~/components/notice';
import { comparators, severities, type AlertRule, type AlertRuleFields } from '~/lib/alerting';
import { TextField } from '~/app/(console)/settings/_components/text-field';
import { errorMessage, fieldErrors } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { draftOf, emptyDraft, fieldsOf, type RuleDraft } from './rule-draft';
import { SelectField } from './select-field';

const options = <T extends string>(values: readonly T[]) =>
  values.map((value) => ({ value, label: value }));

/** Creates a rule, or updates the one being edited; the list refreshes after each success. */
function useSaveRule(editing: AlertRule | undefined, onSaved: () => void) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = async () => {
    onSaved();
    await queryClient.invalidateQueries(trpc.alertRules.list.queryFilter());
  };
  const create = useMutation(trpc.alertRules.create.mutationOptions({ onSuccess }));
  const update = useMutation(trpc.alertRules.update.mutationOptions({ onSuccess }));
  const save = (rule: AlertRuleFields) => {
    if (editing) update.mutate({ id: editing.id, rule });
    else create.mutate(rule);
  };
  const state = editing ? update : create;
  return { save, error: state.error, pending: state.isPending };
}

type TextName = 'name' | 'threshold' | 'forSeconds' | 'summary' | 'expression';

function RuleFieldsGrid(props: {
  draft: RuleDraft;
  set: (patch: Partial<RuleDraft>) => void;
  metrics: { name: string; label: string }[];
  errors: Partial<Record<string, string>>;
}) {
  const { draft, set } = props;
  const text = (name: TextName) => ({
    id: `rule-${name}`,
    value: draft[name],
    error: props.errors[name],
    autoComplete: 'off',
    onChange: (value: string) => {
      set({ [name]: value });
    },
  });
  return (
    <>
      <TextField {...text('name')} label="Name" hint="e.g. RedisDown" />
      <SelectField
        id="rule-metric"
        label="Metric"
        value={draft.metric}
        options={props.metrics.map((m) => ({ value: m.name, label: m.label }))}
        onChange={(metric) => {
          set({ metric });
        }}
      />
      {draft.metric === 'custom' ? <TextField {...text('expression')} label="PromQL" /> : null}
      <SelectField
        id="rule-comparator"
        label="Comparator"
        value={draft.comparator}
        options={options(comparators)}
        onChange={(comparator) => {
          set({ comparator });
        }}
      />
      <TextField {...text('threshold')} label="Threshold" />
      <TextField {...text('forSeconds')} label="For (seconds)" />
      <SelectField
        id="rule-severity"
        label="Severity"
        value={draft.severity}
        options={options(severities)}
        onChange={(severity) => {
          set({ severity });
        }}
      />
      <TextField {...text('summary')} label="Summary" required={false} />
    </>
  );
}

/** A rule built from a metric, a comparator and threshold, a `for` duration and a severity. */
export function RuleForm(props: { editing?: AlertRule | undefined; onDone: () => void }) {
  const trpc = useTRPC();
  const metrics = useQuery(trpc.alertRules.metrics.queryOptions());
  const [draft, setDraft] = useState(props.editing ? draftOf(props.editing) : emptyDraft);
  const { save, error, pending } = useSaveRule(props.editing, () => {
    setDraft(emptyDraft);
    props.onDone();
  });
  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    const kept = { labels: props.editing?.labels ?? {}, enabled: props.editing?.enabled ?? true };
    save(
      fieldsOf(
        draft,
        (metrics.data ?? []).map((m) => m.name),
        kept,
      ),
    );
  };
  return (
    <form onSubmit={submit} className="stack" aria-label={props.editing ? 'Edit rule' : 'New rule'}>
      {error ? <Notice tone="error">{errorMessage(error)}</Notice> : null}
      <div className="form-grid">
        <RuleFieldsGrid
          draft={draft}
          set={(patch) => {
            setDraft((current) => ({ ...current, ...patch }));
          }}
          metrics={metrics.data ?? []}
          errors={fieldErrors(error)}
        />
        <div className="form-actions">
          <button type="submit" className="button" disabled={pending}>
            {props.editing ? 'Save rule' : 'Create rule'}
          </button>
        </div>
      </div>
    </form>
  );
}
