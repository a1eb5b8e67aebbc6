'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import Link from 'next/link';
import { ConfirmButton } from '~/components/confirm-button';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { ProgressBar } from '~/components/progress-bar';
import { StatusBadge } from '~/components/status-badge';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { isActive } from '../../clusters/_components/fleet-types';
import { StepsList } from './steps-list';
import '~/styles/fleet.css';

function CancelOperation({ id }: { id: string }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const cancel = useMutation(
    trpc.operations.cancel.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries(trpc.operations.pathFilter()),
    }),
  );
  return (
    <ConfirmButton
      question="Stop this operation between steps (a slot move stops between slots)?"
      pending={cancel.isPending}
      error={cancel.error}
      onConfirm={() => {
        cancel.mutate({ id });
      }}
    >
      Cancel operation
    </ConfirmButton>
  );
}

/** One operation with its ordered steps, re-read every second while it is active. */
export function OperationDetailView({ id, canOperate }: { id: string; canOperate: boolean }) {
  const trpc = useTRPC();
  const op = useQuery({
    ...trpc.operations.get.queryOptions({ id }),
    refetchInterval: (query) =>
      query.state.data && !isActive(query.state.data.status) ? false : 1_000,
  });
  const data = op.data;
  return (
    <>
      <PageHeader
        title={data ? `Operation ${data.kind}` : 'Operation'}
        description={data ? `Started by ${data.createdBy}` : undefined}
        actions={
          data ? (
            <>
              <StatusBadge status={data.status} />
              <Link
                href={`/clusters/${data.clusterId}`}
                className="button button-small button-ghost"
              >
                Cluster
              </Link>
              {canOperate && isActive(data.status) && !data.cancelRequested ? (
                <CancelOperation id={id} />
              ) : null}
            </>
          ) : null
        }
      />
      {op.isPending ? <p className="loading">Loading operation…</p> : null}
      {op.isError ? <Notice tone="error">{errorMessage(op.error)}</Notice> : null}
      {data ? (
        <div className="stack">
          <section className="card" data-testid="operation-summary" data-status={data.status}>
            <div className="card-body stack">
              <ProgressBar value={data.progress} label="Operation progress" />
              {data.cancelRequested && isActive(data.status) ? (
                <Notice tone="warning">Cancel requested: it stops at the next safe point.</Notice>
              ) : null}
              {data.error ? <Notice tone="error">{data.error}</Notice> : null}
            </div>
          </section>
          <StepsList steps={data.steps} />
        </div>
      ) : null}
    </>
  );
}
