import type { Metadata } from 'next';
import { NodeDetail } from './_components/node-detail';

export const metadata: Metadata = { title: 'Node' };

export default async function NodePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <NodeDetail id={id} />;
}
