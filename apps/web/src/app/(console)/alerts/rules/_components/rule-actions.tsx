'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { asRuleMetric, ruleFieldsOf, type AlertRule } from '~/lib/alerting';
import { InlineError, RowActionButton } from '~/components/row-action';
import { useTRPC } from '~/trpc/react';

function useRuleMutations() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSettled = () => queryClient.invalidateQueries(trpc.alertRules.list.queryFilter());
  const update = useMutation(trpc.alertRules.update.mutationOptions({ onSettled }));
  const remove = useMutation(trpc.alertRules.delete.mutationOptions({ onSettled }));
  const metrics = useQuery(trpc.alertRules.metrics.queryOptions());
  return { update, remove, known: (metrics.data ?? []).map((m) => m.name) };
}

/** Edit, enable/disable and delete (a default-pack rule can only be disabled). */
export function RuleActions(props: { rule: AlertRule; onEdit: () => void }) {
  const { rule } = props;
  const { update, remove, known } = useRuleMutations();
  const metric = asRuleMetric(rule.metric, known);
  const error = update.error ?? remove.error;
  const toggle = () => {
    if (!metric) return;
    update.mutate({ id: rule.id, rule: ruleFieldsOf(rule, metric, { enabled: !rule.enabled }) });
  };
  return (
    <div className="toolbar">
      <InlineError error={error} />
      <button type="button" className="button button-small button-ghost" onClick={props.onEdit}>
        Edit <span className="visually-hidden">{rule.name}</span>
      </button>
      <button
        type="button"
        className="button button-small button-ghost"
        disabled={!metric || update.isPending}
        onClick={toggle}
      >
        {rule.enabled ? 'Disable' : 'Enable'} <span className="visually-hidden">{rule.name}</span>
      </button>
      {rule.packKey ? null : (
        <RowActionButton
          pending={remove.isPending}
          onClick={() => {
            remove.mutate({ id: rule.id });
          }}
        >
          Delete <span className="visually-hidden">{rule.name}</span>
        </RowActionButton>
      )}
    </div>
  );
}
