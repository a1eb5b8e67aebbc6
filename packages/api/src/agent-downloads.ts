// Who may download the agent bundle: a host holding a usable enrollment token (to install), or an
// enrolled agent presenting its credential (to upgrade). Everyone else gets a reason to show.
import { enrollmentTokenRefusal, findAgentByCredentialHash, type Database } from '@cachefleet/db';
import { hashSecret } from './security/secrets.js';

export type DownloadAccess =
  { ok: true; caller: 'enrollment-token' | 'agent' } | { ok: false; code: string; message: string };

const tokenRefusals = {
  unknown: ['E_ENROLLMENT_TOKEN_UNKNOWN', 'enrollment token not recognised'],
  expired: ['E_ENROLLMENT_TOKEN_EXPIRED', 'enrollment token has expired; create a new one'],
  used: ['E_ENROLLMENT_TOKEN_USED', 'enrollment token was already used; create a new one'],
  revoked: ['E_ENROLLMENT_TOKEN_REVOKED', 'enrollment token was revoked'],
} as const;

const missing: DownloadAccess = {
  ok: false,
  code: 'E_DOWNLOAD_UNAUTHORIZED',
  message:
    'the agent bundle requires an enrollment token or an agent credential (Authorization: Bearer)',
};

export async function authorizeAgentDownload(
  db: Database,
  bearer: string | undefined,
): Promise<DownloadAccess> {
  if (!bearer || bearer.length > 200) return missing;
  if (bearer.startsWith('cfa_')) {
    const agent = await findAgentByCredentialHash(db, hashSecret(bearer));
    return agent
      ? { ok: true, caller: 'agent' }
      : {
          ok: false,
          code: 'E_AGENT_CREDENTIAL_UNKNOWN',
          message: 'agent credential not recognised',
        };
  }
  if (!bearer.startsWith('cfe_')) return missing;
  const refusal = await enrollmentTokenRefusal(db, hashSecret(bearer));
  if (!refusal) return { ok: true, caller: 'enrollment-token' };
  const [code, message] = tokenRefusals[refusal];
  return { ok: false, code, message };
}
