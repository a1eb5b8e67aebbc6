import type { Metadata } from 'next';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { CreateClusterForm } from '../_components/create-cluster-form';

export const metadata: Metadata = { title: 'Create cluster' };

export default async function NewClusterPage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="Create cluster"
        description="Pick idle agents and how many replicas each primary gets; read the plan, then create."
      />
      {user.role === 'viewer' ? (
        <Notice tone="warning">Creating clusters requires the operator role.</Notice>
      ) : (
        <CreateClusterForm />
      )}
    </>
  );
}
