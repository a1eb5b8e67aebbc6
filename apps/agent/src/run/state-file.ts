// `<dataDir>/agent.state.json` tells `status` (and the next `run`) where the running agent is.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export const agentStateSchema = z.object({
  pid: z.number().int().positive(),
  agentPort: z.number().int().min(1).max(65535),
  redisPort: z.number().int().min(1).max(65535),
  redisPid: z.number().int().positive().nullable(),
  /** redisConfigHash of the config redisPid was started from; absent in older state files. */
  redisConfigHash: z.string().optional(),
  startedAt: z.iso.datetime(),
});

export type AgentState = z.infer<typeof agentStateSchema>;

export function statePath(dataDir: string): string {
  return path.join(dataDir, 'agent.state.json');
}

/** The recorded state, or null when there is none (never ran, or stopped cleanly). */
export async function readState(file: string): Promise<AgentState | null> {
  try {
    const parsed = agentStateSchema.safeParse(JSON.parse(await readFile(file, 'utf8')));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export async function writeState(file: string, state: AgentState): Promise<void> {
  await writeFile(file, `${JSON.stringify(state, null, 2)}\n`, { mode: 0o600 });
}

export async function removeState(file: string): Promise<void> {
  await rm(file, { force: true });
}
