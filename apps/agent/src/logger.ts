// JSON lines on stdout, so journald, Docker or any log shipper can parse the agent's output as is.
import { agentEnv, type LogLevel } from './env.js';

export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(msg: string, fields?: LogFields): void;
  info(msg: string, fields?: LogFields): void;
  warn(msg: string, fields?: LogFields): void;
  error(msg: string, fields?: LogFields): void;
  child(fields: LogFields): Logger;
}

const rank: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Errors serialise to `{}` with JSON.stringify; keep their message (and code, when there is one). */
function plain(value: unknown): unknown {
  if (!(value instanceof Error)) return value;
  const code = (value as { code?: unknown }).code;
  return typeof code === 'string' ? { message: value.message, code } : value.message;
}

function line(level: LogLevel, msg: string, fields: LogFields): string {
  const record: LogFields = { time: new Date().toISOString(), level, msg };
  for (const [key, value] of Object.entries(fields)) record[key] = plain(value);
  return `${JSON.stringify(record)}\n`;
}

export function createLogger(
  bindings: LogFields = {},
  minLevel: LogLevel = agentEnv.logLevel,
  write: (text: string) => void = (text) => process.stdout.write(text),
): Logger {
  const emit =
    (level: LogLevel) =>
    (msg: string, fields: LogFields = {}) => {
      if (rank[level] >= rank[minLevel]) write(line(level, msg, { ...bindings, ...fields }));
    };
  return {
    debug: emit('debug'),
    info: emit('info'),
    warn: emit('warn'),
    error: emit('error'),
    child: (fields) => createLogger({ ...bindings, ...fields }, minLevel, write),
  };
}
