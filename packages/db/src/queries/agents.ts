import { and, asc, count, eq } from 'drizzle-orm';
import type { Database } from '../client.js';
import { agents, nodes, type AgentLogLine, type AgentStats } from '../schema/index.js';

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
  /** Replaces the stored recent log lines when present. */
  recentLogs?: AgentLogLine[] | undefined;
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

/** Stores a heartbeat; returns the version the agent should upgrade to, or null. */
export async function recordHeartbeat(
  db: Database,
  id: string,
  beat: Heartbeat,
): Promise<string | null> {
  const { recentLogs, ...rest } = beat;
  const [row] = await db
    .update(agents)
    .set({ ...rest, ...(recentLogs ? { recentLogs } : {}), lastHeartbeatAt: new Date() })
    .where(eq(agents.id, id))
    .returning({ desiredVersion: agents.desiredVersion });
  const desired = row?.desiredVersion ?? null;
  if (desired !== beat.version) return desired;
  // The agent reached the requested version: the request is done.
  await db
    .update(agents)
    .set({ desiredVersion: null })
    .where(and(eq(agents.id, id), eq(agents.desiredVersion, desired)));
  return null;
}

/** Asks an agent to upgrade itself; false when there is no such agent. */
export async function requestAgentUpgrade(
  db: Database,
  id: string,
  version: string,
): Promise<boolean> {
  const rows = await db
    .update(agents)
    .set({ desiredVersion: version })
    .where(eq(agents.id, id))
    .returning({ id: agents.id });
  return rows.length > 0;
}

/** How many cluster nodes this agent runs (slot ownership is modelled per node). */
export async function countAgentNodes(db: Database, id: string): Promise<number> {
  const [row] = await db.select({ n: count() }).from(nodes).where(eq(nodes.agentId, id));
  return row?.n ?? 0;
}

/** Removes an agent (its nodes go with it); false when it was already gone. */
export async function deleteAgent(db: Database, id: string): Promise<boolean> {
  const rows = await db.delete(agents).where(eq(agents.id, id)).returning({ id: agents.id });
  return rows.length > 0;
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
