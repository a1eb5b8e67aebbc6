'use client';

import { useState } from 'react';
import { Notice } from '~/components/notice';
import type { CreatedApiKey } from '~/lib/namespaces';
import { ApiKeysTable } from './api-keys-table';
import { CreateApiKeyForm } from './create-api-key-form';
import { NewApiKeyPanel } from './new-api-key-panel';

/** Admins create and revoke keys; everyone signed in sees the list (never a secret). */
export function ApiKeysSection({ canEdit }: { canEdit: boolean }) {
  const [created, setCreated] = useState<CreatedApiKey | null>(null);
  return (
    <section className="card" aria-labelledby="api-keys-heading">
      <div className="card-header">
        <div>
          <h2 id="api-keys-heading">API keys</h2>
          <p>
            Stored hashed; only the prefix is kept visible. Revoked keys stop working within
            seconds.
          </p>
        </div>
      </div>
      {created ? (
        <NewApiKeyPanel
          apiKey={created}
          onDismiss={() => {
            setCreated(null);
          }}
        />
      ) : null}
      <ApiKeysTable canEdit={canEdit} />
      <div className="card-body card-divider">
        {canEdit ? (
          <>
            <h3 className="subheading">Create an API key</h3>
            <CreateApiKeyForm onCreated={setCreated} />
          </>
        ) : (
          <Notice tone="info">Creating and revoking API keys requires the admin role.</Notice>
        )}
      </div>
    </section>
  );
}
