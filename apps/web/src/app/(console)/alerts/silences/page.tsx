import type { Metadata } from 'next';
import { SilencesView } from './_components/silences-view';

export const metadata: Metadata = { title: 'Silences' };

export default function SilencesPage() {
  return <SilencesView />;
}
