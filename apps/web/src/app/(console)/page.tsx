import type { Metadata } from 'next';
import { PageHeader } from '~/components/page-header';
import { Overview } from './_components/overview';

export const metadata: Metadata = { title: 'Overview' };

export default function OverviewPage() {
  return (
    <>
      <PageHeader title="Overview" description="The health and load of the whole fleet." />
      <Overview />
    </>
  );
}
