import type { Metadata } from 'next';
import { requireSessionUser } from '~/server/session';
import { OperationDetailView } from '../_components/operation-detail';

export const metadata: Metadata = { title: 'Operation' };

export default async function OperationPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await requireSessionUser();
  const { id } = await params;
  return <OperationDetailView id={id} canOperate={user.role !== 'viewer'} />;
}
