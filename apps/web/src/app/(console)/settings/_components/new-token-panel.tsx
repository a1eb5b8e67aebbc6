'use client';

import { CopyButton } from '~/components/copy-button';
import { agentInstallCommand } from '~/lib/enrollment';
import { formatDateTime } from '~/lib/format';
import type { CreatedEnrollmentToken } from '~/lib/types';

interface Props {
  token: CreatedEnrollmentToken;
  origin: string;
  onDismiss: () => void;
}

/** The only time the secret is visible: the server keeps nothing but its hash. */
export function NewTokenPanel({ token, origin, onDismiss }: Props) {
  const command = agentInstallCommand(origin, token.token);
  return (
    <div className="secret-panel" role="status">
      <div>
        <strong>Enrollment token created.</strong>{' '}
        <span className="muted">
          It is shown once — copy it now. It works for one host until{' '}
          {formatDateTime(token.expiresAt)}.
        </span>
      </div>
      <div className="field">
        <span className="small muted">Run on the new host:</span>
        <div className="secret-row">
          <code aria-label="Agent install command">{command}</code>
          <CopyButton text={command} label="Copy command" />
        </div>
      </div>
      <div className="field">
        <span className="small muted">Token alone:</span>
        <div className="secret-row">
          <code aria-label="Enrollment token">{token.token}</code>
          <CopyButton text={token.token} label="Copy token" />
        </div>
      </div>
      <div>
        <button type="button" className="button button-ghost button-small" onClick={onDismiss}>
          Done, hide the token
        </button>
      </div>
    </div>
  );
}
