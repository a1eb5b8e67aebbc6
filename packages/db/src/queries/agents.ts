import { asc, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, type AgentStats } from '../schema/index.js';

export type Agent = typeof agents.$inferSelect;
export type AgentInfo = Omit<Agent, 'credentialHash'>;

export interface Heartbeat {
  address: string;
  agentPort: number;
  redisPort: number | null;
  version: string;
  redisVersion: string | null;
  redisUp: boolean;
  stats: AgentStats | null;
}

export async function findAgentByCredentialHash(
  db: Database,
  credentialHash: string,
): Promise<Agent | undefined> {
  const rows = await db
    .select()
    .from(agents)
    .where(eq(agents.credentialHash, credentialHash))
    .limit(1);
  return rows[0];
}

export async function recordHeartbeat(db: Database, id: string, beat: Heartbeat): Promise<void> {
  await db
    .update(agents)
    .set({ ...beat, lastHeartbeatAt: new Date() })
    .where(eq(agents.id, id));
}

export async function listAgents(db: Database): Promise<AgentInfo[]> {
  const rows = await db.select().from(agents).orderBy(asc(agents.createdAt));
  return rows.map(({ credentialHash: _hash, ...info }) => info);
}

export async function findAgent(db: Database, id: string): Promise<AgentInfo | undefined> {
  const [row] = await db.select().from(agents).where(eq(agents.id, id)).limit(1);
  if (!row) return undefined;
  const { credentialHash: _hash, ...info } = row;
  return info;
}
