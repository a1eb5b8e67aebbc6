import type { EnrollmentToken } from './types';

export type TokenStatus = 'active' | 'used' | 'expired' | 'revoked';

/** Same precedence as the server's refusal: revoked, then used, then expired. */
export function tokenStatus(token: EnrollmentToken, now: number): TokenStatus {
  if (token.revokedAt) return 'revoked';
  if (token.usedAt) return 'used';
  if (Date.parse(token.expiresAt) <= now) return 'expired';
  return 'active';
}

/** The one line an operator pastes on a new host. */
export function agentInstallCommand(origin: string, token: string): string {
  return `curl -fsSL ${origin}/install.sh | sh -s -- --token ${token}`;
}

export const tokenLifetimes = [
  { minutes: 15, label: '15 minutes' },
  { minutes: 60, label: '1 hour' },
  { minutes: 24 * 60, label: '24 hours' },
  { minutes: 7 * 24 * 60, label: '7 days' },
] as const;
