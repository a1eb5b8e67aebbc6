import type { Metadata } from 'next';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { requireSessionUser } from '~/server/session';
import { NamespaceForm } from '../_components/namespace-form';
import { NamespacesNav } from '../_components/namespaces-nav';

export const metadata: Metadata = { title: 'New namespace' };

export default async function NewNamespacePage() {
  const user = await requireSessionUser();
  return (
    <>
      <PageHeader
        title="New namespace"
        description="Agents of the chosen cluster start serving it within seconds."
        actions={<NamespacesNav />}
      />
      {user.role === 'viewer' ? (
        <Notice tone="warning">Creating namespaces requires the operator role.</Notice>
      ) : (
        <section className="card">
          <div className="card-body">
            <NamespaceForm />
          </div>
        </section>
      )}
    </>
  );
}
