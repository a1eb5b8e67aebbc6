import type { Metadata } from 'next';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { OperationsTable } from './_components/operations-table';

export const metadata: Metadata = { title: 'Operations' };

export default async function OperationsPage() {
  await requireSessionUser();
  return (
    <>
      <PageHeader
        title="Operations"
        description="Cluster changes executed step by step by the agents; this list refreshes itself while one runs."
      />
      <section className="card">
        <OperationsTable />
      </section>
    </>
  );
}
