'use client';

import { CopyButton } from '~/components/copy-button';
import type { CreatedApiKey } from '~/lib/namespaces';

/** The only time the secret is visible: the server keeps nothing but its SHA-256. */
export function NewApiKeyPanel(props: { apiKey: CreatedApiKey; onDismiss: () => void }) {
  const { apiKey } = props;
  return (
    <div className="secret-panel" role="status">
      <div>
        <strong>API key {apiKey.name} created.</strong>{' '}
        <span className="muted">
          Copy it now — you won&apos;t see it again. Only its prefix ({apiKey.secretPrefix}) stays
          visible.
        </span>
      </div>
      <div className="secret-row">
        <code aria-label="API key secret">{apiKey.secret}</code>
        <CopyButton text={apiKey.secret} label="Copy key" />
      </div>
      <div>
        <button
          type="button"
          className="button button-ghost button-small"
          onClick={props.onDismiss}
        >
          Done, hide the key
        </button>
      </div>
    </div>
  );
}
