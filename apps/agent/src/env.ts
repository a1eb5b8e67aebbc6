// The only place the agent reads process.env, so every knob is listed (and documented) here.
import os from 'node:os';

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';

const logLevels: readonly LogLevel[] = ['debug', 'info', 'warn', 'error'];

function logLevel(value: string | undefined): LogLevel {
  const found = logLevels.find((level) => level === value?.toLowerCase());
  return found ?? 'info';
}

export interface AgentEnv {
  /** Path or name of the redis-server binary (REDIS_SERVER_BIN), `redis-server` on PATH by default. */
  redisServerBin: string;
  /** Overrides the default config path (CACHEFLEET_AGENT_CONFIG); `--config` still wins. */
  configPath: string | undefined;
  /** A token for `join` when `--token` is not given (CACHEFLEET_ENROLLMENT_TOKEN), kept out of `ps`. */
  enrollmentToken: string | undefined;
  /** XDG_CONFIG_HOME, where a non-root agent keeps its config. */
  xdgConfigHome: string | undefined;
  /** Lowest level written by the JSON logger (CACHEFLEET_LOG_LEVEL), `info` by default. */
  logLevel: LogLevel;
  /** The install prefix (CACHEFLEET_AGENT_HOME), set by the launcher install.sh writes. */
  agentHome: string | undefined;
  homeDir: string;
  isRoot: boolean;
  /** Lease asked for claimed fleet steps (CACHEFLEET_STEP_LEASE_MS); tests shorten it, else the console's 15 s. */
  stepLeaseMs: number | undefined;
}

function readEnv(): AgentEnv {
  const env = process.env;
  return {
    redisServerBin: env.REDIS_SERVER_BIN || 'redis-server',
    configPath: env.CACHEFLEET_AGENT_CONFIG || undefined,
    enrollmentToken: env.CACHEFLEET_ENROLLMENT_TOKEN || undefined,
    xdgConfigHome: env.XDG_CONFIG_HOME || undefined,
    logLevel: logLevel(env.CACHEFLEET_LOG_LEVEL),
    agentHome: env.CACHEFLEET_AGENT_HOME || undefined,
    homeDir: os.homedir(),
    isRoot: process.getuid?.() === 0,
    stepLeaseMs: Number(env.CACHEFLEET_STEP_LEASE_MS) || undefined,
  };
}

export const agentEnv: AgentEnv = readEnv();
