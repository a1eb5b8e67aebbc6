import {
  listNotificationChannels,
  recordChannelDelivery,
  type Database,
  type NotificationChannel,
} from '@cachefleet/db';
import { deliver } from './deliver.js';
import type { Notification } from './notification.js';

const rank: Record<string, number> = { info: 0, warning: 1, critical: 2 };

function wants(channel: NotificationChannel, n: Notification): boolean {
  const floor = rank[channel.minSeverity] ?? 0;
  return n.alerts.some((a) => (rank[a.severity] ?? 1) >= floor);
}

/** Delivers to one channel and records the outcome on it; never throws. */
export async function deliverAndRecord(
  db: Database,
  channel: NotificationChannel,
  n: Notification,
): Promise<string | null> {
  let problem: string | null = null;
  try {
    await deliver(channel, n);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
  }
  await recordChannelDelivery(db, channel.id, problem);
  return problem;
}

/** Sends a notification to every enabled channel whose severity floor it reaches. */
export async function fanOut(db: Database, n: Notification): Promise<number> {
  const channels = (await listNotificationChannels(db)).filter((c) => c.enabled && wants(c, n));
  await Promise.all(channels.map((channel) => deliverAndRecord(db, channel, n)));
  return channels.length;
}
