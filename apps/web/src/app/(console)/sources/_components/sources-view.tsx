'use client';

import { CreateSourceForm } from './create-source-form';
import { SourcesTable } from './sources-table';

/** Operators register and test sources; viewers see the list only. */
export function SourcesView({ canEdit }: { canEdit: boolean }) {
  return (
    <section className="card" aria-labelledby="sources-heading">
      <div className="card-header">
        <div>
          <h2 id="sources-heading">Sources</h2>
          <p>Shown as user@host:port/database; the password never leaves the server.</p>
        </div>
      </div>
      <SourcesTable canEdit={canEdit} />
      {canEdit ? (
        <div className="card-body card-divider">
          <h3 className="subheading">Add a source</h3>
          <CreateSourceForm />
        </div>
      ) : null}
    </section>
  );
}
