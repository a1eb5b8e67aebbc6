import type { Metadata } from 'next';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { NamespacesNav } from '../namespaces/_components/namespaces-nav';
import { SourcesView } from './_components/sources-view';

export const metadata: Metadata = { title: 'Data sources' };

export default async function SourcesPage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="Data sources"
        description="PostgreSQL databases namespaces read through and write to. Connection strings are stored encrypted and never shown again in full."
        actions={<NamespacesNav />}
      />
      <SourcesView canEdit={user.role !== 'viewer'} />
    </>
  );
}
