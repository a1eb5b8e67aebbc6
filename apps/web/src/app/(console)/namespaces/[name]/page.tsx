import type { Metadata } from 'next';
import { requireSessionUser } from '~/server/session';
import { NamespaceDetailView } from '../_components/namespace-detail';

export const metadata: Metadata = { title: 'Namespace' };

export default async function NamespacePage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requireSessionUser();
  const { name } = await params;
  return <NamespaceDetailView name={decodeURIComponent(name)} canEdit={user.role !== 'viewer'} />;
}
