// JSON lines on stdout (pino), so journald, Docker or any log shipper can parse the agent's output
// as is; the last warn/error lines are also kept in memory for the console's node page.
import { pino, type DestinationStream, type Logger as PinoLogger } from 'pino';
import { agentEnv, type LogLevel } from './env.js';
import { RecentLogs } from './recent-logs.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
  /** The most recent warn/error lines, shared by every child. */
  readonly recent: RecentLogs;
}

/** Errors serialise to `{}` with JSON.stringify; keep their message (and code, when there is one). */
function plain(fields: LogFields): LogFields {
  const out: LogFields = {};
  for (const [key, value] of Object.entries(fields)) {
    if (!(value instanceof Error)) {
      out[key] = value;
      continue;
    }
    const code = (value as { code?: unknown }).code;
    out[key] = typeof code === 'string' ? { message: value.message, code } : value.message;
  }
  return out;
}

function wrap(base: PinoLogger, recent: RecentLogs): Logger {
  return {
    debug: (msg, fields = {}) => {
      base.debug(plain(fields), msg);
    },
    info: (msg, fields = {}) => {
      base.info(plain(fields), msg);
    },
    warn: (msg, fields = {}) => {
      base.warn(plain(fields), msg);
    },
    error: (msg, fields = {}) => {
      base.error(plain(fields), msg);
    },
    child: (fields) => wrap(base.child(plain(fields)), recent),
    recent,
  };
}

export function createLogger(
  bindings: LogFields = {},
  minLevel: LogLevel = agentEnv.logLevel,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Logger {
  const recent = new RecentLogs();
  const destination: DestinationStream = {
    write(line: string) {
      write(line);
      recent.offer(line);
    },
  };
  const base = pino(
    {
      level: minLevel,
      base: null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    destination,
  );
  return wrap(Object.keys(bindings).length > 0 ? base.child(plain(bindings)) : base, recent);
}
