'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Notice } from '~/components/notice';
import { PageHeader } from '~/components/page-header';
import { errorMessage } from '~/trpc/errors';
import { useTRPC } from '~/trpc/react';
import { DeleteNamespace } from './delete-namespace';
import { NamespaceForm } from './namespace-form';

/** One namespace's settings: editable by operators, read-only (disabled) for viewers. */
export function NamespaceDetailView({ name, canEdit }: { name: string; canEdit: boolean }) {
  const trpc = useTRPC();
  const ns = useQuery(trpc.namespaces.get.queryOptions({ name }));
  const actions = (
    <>
      <Link href="/namespaces" className="button button-small button-ghost">
        All namespaces
      </Link>
      <Link href={`/namespaces/${name}/keys`} className="button button-small button-ghost">
        Key browser
      </Link>
    </>
  );
  const description = ns.data
    ? `Cluster ${ns.data.clusterId.slice(0, 8)} · revision ${ns.data.revision} · ${
        ns.data.dataSource ? `source ${ns.data.dataSource.name}` : 'no source'
      }`
    : undefined;
  return (
    <>
      <PageHeader title={name} description={description} actions={actions} />
      {ns.isPending ? <p className="loading">Loading namespace…</p> : null}
      {ns.isError ? <Notice tone="error">{errorMessage(ns.error)}</Notice> : null}
      {ns.data ? (
        <div className="stack">
          {canEdit ? null : (
            <Notice tone="info">
              Viewers see the policy; changing it requires the operator role.
            </Notice>
          )}
          <section className="card">
            <div className="card-body">
              <fieldset disabled={!canEdit} className="plain-fieldset">
                <NamespaceForm key={ns.data.revision} editing={ns.data} />
              </fieldset>
            </div>
          </section>
          {canEdit ? <DeleteNamespace name={name} /> : null}
        </div>
      ) : null}
    </>
  );
}
