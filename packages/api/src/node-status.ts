import type { AgentInfo } from '@cachefleet/db';

export type NodeStatus = 'healthy' | 'degraded' | 'down' | 'pending';

/** Heartbeats older than this mean the agent is gone (three missed beats). */
export const heartbeatStaleMs = 15_000;

/** An agent is healthy while it heartbeats with Redis up; silent agents are down. */
export function nodeStatus(
  agent: Pick<AgentInfo, 'lastHeartbeatAt' | 'redisUp'>,
  now: Date,
): NodeStatus {
  if (!agent.lastHeartbeatAt) return 'pending';
  if (now.getTime() - agent.lastHeartbeatAt.getTime() > heartbeatStaleMs) return 'down';
  return agent.redisUp ? 'healthy' : 'degraded';
}
