import type { Metadata } from 'next';
import { RulesView } from './_components/rules-view';

export const metadata: Metadata = { title: 'Alert rules' };

export default function AlertRulesPage() {
  return <RulesView />;
}
