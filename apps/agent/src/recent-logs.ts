// A bounded ring of the agent's latest warn/error log lines, sent to the console with heartbeats.
import type { HeartbeatInput } from './heartbeat/payload.js';

export type RecentLogLine = NonNullable<HeartbeatInput['recentLogs']>[number];

/** Same bounds the console's heartbeat input enforces. */
const maxLines = 50;
const maxMessage = 2_000;

function parseLine(line: string): RecentLogLine | undefined {
  if (!line.includes('"level":"warn"') && !line.includes('"level":"error"')) return undefined;
  try {
    const record = JSON.parse(line) as { time?: unknown; level?: unknown };
    const level = record.level === 'error' ? 'error' : 'warn';
    const time = typeof record.time === 'string' ? record.time : new Date().toISOString();
    return { time: time.slice(0, 40), level, msg: line.trim().slice(0, maxMessage) };
  } catch {
    return undefined;
  }
}

export class RecentLogs {
  private readonly lines: RecentLogLine[] = [];

  /** Keeps the line when it is a warning or an error; drops the oldest past the bound. */
  offer(line: string): void {
    const parsed = parseLine(line);
    if (!parsed) return;
    this.lines.push(parsed);
    if (this.lines.length > maxLines) this.lines.shift();
  }

  snapshot(): RecentLogLine[] {
    return [...this.lines];
  }
}
