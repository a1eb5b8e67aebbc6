import type { Metadata } from 'next';
import { NodesView } from './_components/nodes-view';

export const metadata: Metadata = { title: 'Nodes' };

export default function NodesPage() {
  return <NodesView />;
}
