import type { Metadata } from 'next';
import Link from 'next/link';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { KeyBrowser } from './_components/key-browser';

export const metadata: Metadata = { title: 'Key browser' };

export default async function KeyBrowserPage({ params }: { params: Promise<{ name: string }> }) {
  const user = await requireSessionUser();
  const name = decodeURIComponent((await params).name);
  return (
    <>
      <PageHeader
        title={`Keys of ${name}`}
        description="Scans the cluster's primaries page by page (never KEYS). L1 copies live in each agent and service and are dropped by delete and invalidate."
        actions={
          <Link href={`/namespaces/${name}`} className="button button-small button-ghost">
            Namespace settings
          </Link>
        }
      />
      <KeyBrowser namespace={name} canEdit={user.role !== 'viewer'} />
    </>
  );
}
