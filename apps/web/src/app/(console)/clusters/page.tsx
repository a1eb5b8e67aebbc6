import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { ClustersTable } from './_components/clusters-table';

export const metadata: Metadata = { title: 'Clusters' };

export default async function ClustersPage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="Clusters"
        description="Redis Clusters formed from enrolled agents: who owns which slots, and the operations that change them."
        actions={
          <>
            <Link href="/operations" className="button button-small button-ghost">
              Operations
            </Link>
            {user.role === 'viewer' ? null : (
              <Link href="/clusters/new" className="button button-small">
                Create cluster
              </Link>
            )}
          </>
        }
      />
      <ClustersTable />
    </>
  );
}
