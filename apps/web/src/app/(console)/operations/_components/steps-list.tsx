'use client';

import { DataTable } from '~/components/data-table';
import { ProgressBar } from '~/components/progress-bar';
import { StatusBadge } from '~/components/status-badge';
import { formatDateTime } from '~/lib/format';
import type { OperationStep } from '../../clusters/_components/fleet-types';

function StepRow({ step }: { step: OperationStep }) {
  return (
    <>
      <tr data-testid="operation-step" data-kind={step.kind} data-status={step.status}>
        <td className="numeric">{step.position + 1}</td>
        <td className="cell-primary">{step.kind}</td>
        <td>
          <StatusBadge status={step.status} />
        </td>
        <td>
          <ProgressBar value={step.progress} label={`step ${step.position + 1} progress`} />
        </td>
        <td className="numeric">{step.attempt}</td>
        <td className="small">{step.startedAt ? formatDateTime(step.startedAt) : '—'}</td>
        <td className="small">{step.finishedAt ? formatDateTime(step.finishedAt) : '—'}</td>
      </tr>
      {step.error || step.log.length > 0 ? (
        <tr>
          <td />
          <td colSpan={6}>
            {step.error ? <span className="field-error">{step.error}</span> : null}
            {step.log.length > 0 ? (
              <pre className="step-log" aria-label={`log of step ${step.position + 1}`}>
                {step.log.join('\n')}
              </pre>
            ) : null}
          </td>
        </tr>
      ) : null}
    </>
  );
}

/** The operation's steps in order, each with its log lines below it. */
export function StepsList({ steps }: { steps: readonly OperationStep[] }) {
  return (
    <section className="card">
      <DataTable
        caption="Steps"
        columns={[
          { label: '#', numeric: true },
          { label: 'Step' },
          { label: 'Status' },
          { label: 'Progress' },
          { label: 'Attempts', numeric: true },
          { label: 'Started' },
          { label: 'Finished' },
        ]}
      >
        {steps.map((s) => (
          <StepRow key={s.id} step={s} />
        ))}
      </DataTable>
    </section>
  );
}
