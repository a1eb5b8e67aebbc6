import type { Metadata } from 'next';
import { requireSessionUser } from '~/server/session';
import { ClusterDetailView } from './_components/cluster-detail';

export const metadata: Metadata = { title: 'Cluster' };

export default async function ClusterPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSessionUser();
  const { id } = await params;
  return <ClusterDetailView id={id} canOperate={user.role !== 'viewer'} />;
}
