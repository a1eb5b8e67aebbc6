import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { NamespacesNav } from './_components/namespaces-nav';
import { NamespacesTable } from './_components/namespaces-table';

export const metadata: Metadata = { title: 'Namespaces' };

export default async function NamespacesPage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="Namespaces"
        description="Each namespace caches one table of a data source in one cluster, with its own policy."
        actions={
          <>
            <NamespacesNav />
            {user.role === 'viewer' ? null : (
              <Link href="/namespaces/new" className="button button-small">
                New namespace
              </Link>
            )}
          </>
        }
      />
      <NamespacesTable />
    </>
  );
}
