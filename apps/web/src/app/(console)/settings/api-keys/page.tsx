import type { Metadata } from 'next';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { NamespacesNav } from '../../namespaces/_components/namespaces-nav';
import { ApiKeysSection } from './_components/api-keys-section';

export const metadata: Metadata = { title: 'API keys' };

export default async function ApiKeysPage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="API keys"
        description="Services authenticate to the agents' data API, the gateway and direct mode with a key scoped to namespaces."
        actions={<NamespacesNav />}
      />
      <ApiKeysSection canEdit={user.role === 'admin'} />
    </>
  );
}
