'use client';

import { useState } from 'react';
import type { CreatedEnrollmentToken } from '~/lib/types';
import { CreateTokenForm } from './create-token-form';
import { NewTokenPanel } from './new-token-panel';
import { TokensTable } from './tokens-table';

/** `publicUrl` is the configured console origin; without it the browser's own origin is used. */
export function EnrollmentSection({ publicUrl }: { publicUrl: string | null }) {
  const [created, setCreated] = useState<CreatedEnrollmentToken | null>(null);
  return (
    <section className="card" aria-labelledby="enrollment-heading">
      <div className="card-header">
        <div>
          <h2 id="enrollment-heading">Enrollment tokens</h2>
          <p>A one-time token lets one host join the fleet. Tokens expire and are single-use.</p>
        </div>
      </div>
      <div className="card-body">
        <CreateTokenForm onCreated={setCreated} />
      </div>
      {created ? (
        <NewTokenPanel
          token={created}
          origin={publicUrl ?? window.location.origin}
          onDismiss={() => {
            setCreated(null);
          }}
        />
      ) : null}
      <TokensTable />
    </section>
  );
}
