import type { AgentInfo, ApiKeyInfo, Database, PublicUser } from '@cachefleet/db';
import { findAgentByCredentialHash, findSessionUser } from '@cachefleet/db';
import type { MonitoringConfig } from './monitoring/config.js';
import { resolveApiKey } from './namespaces/api-key-context.js';
import { createSealer, type Sealer } from './security/sealer.js';
import { hashSecret } from './security/secrets.js';

export const sessionCookieName = 'cf_session';

/** How the transport lets a procedure set or clear the session cookie. */
export interface CookieJar {
  setSession(token: string, expiresAt: Date): void;
  clearSession(): void;
}

export interface ContextInput {
  db: Database;
  sessionToken?: string | undefined;
  /** The `Authorization: Bearer` value: an agent credential (`cfa_`) or an API key (`cfk_`). */
  bearerToken?: string | undefined;
  cookies?: CookieJar | undefined;
  clientIp?: string | undefined;
  /** Names the actor for audit rows when nobody is signed in (e.g. 'launcher'). */
  systemActor?: string | undefined;
  /** Prometheus, Alertmanager and the rules file, when this console has them. */
  monitoring?: MonitoringConfig | undefined;
  /** The version of the agent bundle this console serves, when it has one. */
  agentRelease?: (() => Promise<string | null>) | undefined;
  /** `CACHEFLEET_SECRET_KEY`: seals data-source connection strings and cluster passwords. */
  secretKey?: string | undefined;
}

export interface Context {
  db: Database;
  user: PublicUser | undefined;
  sessionTokenHash: string | undefined;
  agent: AgentInfo | undefined;
  /** A service's API key (`Bearer cfk_…`), unrevoked. */
  apiKey: ApiKeyInfo | undefined;
  cookies: CookieJar | undefined;
  clientIp: string | undefined;
  systemActor: string | undefined;
  monitoring: MonitoringConfig;
  agentRelease: () => Promise<string | null>;
  /** Absent when the console has no secret key; use `requireSealer` from security/require-sealer. */
  sealer: Sealer | undefined;
}

async function resolveAgent(
  db: Database,
  bearer: string | undefined,
): Promise<AgentInfo | undefined> {
  if (!bearer?.startsWith('cfa_')) return undefined;
  const found = await findAgentByCredentialHash(db, hashSecret(bearer));
  if (!found) return undefined;
  const { credentialHash: _hash, ...agent } = found;
  return agent;
}

/** Resolves who is calling: a console user (session cookie), an agent or a service (bearer). */
export async function createContext(input: ContextInput): Promise<Context> {
  const sessionTokenHash = input.sessionToken ? hashSecret(input.sessionToken) : undefined;
  const [user, agent, apiKey] = await Promise.all([
    sessionTokenHash ? findSessionUser(input.db, sessionTokenHash) : undefined,
    resolveAgent(input.db, input.bearerToken),
    resolveApiKey(input.db, input.bearerToken),
  ]);
  return {
    db: input.db,
    user,
    sessionTokenHash: user ? sessionTokenHash : undefined,
    agent,
    apiKey,
    cookies: input.cookies,
    clientIp: input.clientIp,
    systemActor: input.systemActor,
    monitoring: input.monitoring ?? {},
    agentRelease: input.agentRelease ?? (() => Promise.resolve(null)),
    sealer: input.secretKey ? createSealer(input.secretKey) : undefined,
  };
}
