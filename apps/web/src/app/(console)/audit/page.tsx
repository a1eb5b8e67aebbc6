import type { Metadata } from 'next';
import { PageHeader } from '~/components/page-header';
import { AuditLog } from './_components/audit-log';

export const metadata: Metadata = { title: 'Audit log' };

export default function AuditPage() {
  return (
    <>
      <PageHeader
        title="Audit log"
        description="Every change made through the console, the API and the agents, newest first."
      />
      <AuditLog />
    </>
  );
}
