'use client';

import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import type { AlertRule } from '~/lib/alerting';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { AlertingNav } from '../../_components/alerting-nav';
import { RuleForm } from './rule-form';
import { RulesTable } from './rules-table';

/** Alert rules Prometheus evaluates; every change is checked by promtool and hot-reloaded. */
export function RulesView() {
  const trpc = useTRPC();
  const rules = useQuery(trpc.alertRules.list.queryOptions());
  const [editing, setEditing] = useState<AlertRule | undefined>();
  return (
    <>
      <PageHeader
        title="Alert rules"
        description="Checked by promtool before they replace the running rules, then reloaded in Prometheus."
        actions={<AlertingNav />}
      />
      {rules.isError ? <Notice tone="error">{errorMessage(rules.error)}</Notice> : null}
      {rules.data ? (
        <RulesTable rules={rules.data} onEdit={setEditing} />
      ) : (
        <p className="loading">Loading rules…</p>
      )}
      <section className="card" aria-labelledby="rule-form-heading">
        <div className="card-body">
          <h2 id="rule-form-heading" className="subheading">
            {editing ? `Edit ${editing.name}` : 'New rule'}
          </h2>
          <RuleForm
            key={editing?.id ?? 'new'}
            editing={editing}
            onDone={() => {
              setEditing(undefined);
            }}
          />
        </div>
      </section>
    </>
  );
}
