import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { z } from 'zod';
import { defaultDataDir, resolveConfigPath } from '../config/paths.js';
import { agentConfigSchema, redisSettingsSchema } from '../config/schema.js';
import { agentEnv } from '../env.js';
import type { JoinRequest } from '../join/enroll.js';
import { defaultAdvertiseHost, nameFromHostname } from '../join/defaults.js';
import { portFlag, usageErrors, UsageError } from './usage-error.js';

const options = {
  url: { type: 'string' },
  token: { type: 'string' },
  config: { type: 'string' },
  name: { type: 'string' },
  'data-dir': { type: 'string' },
  advertise: { type: 'string' },
  listen: { type: 'string' },
  'agent-port': { type: 'string' },
  'redis-port': { type: 'string' },
  maxmemory: { type: 'string', default: '256mb' },
  'maxmemory-policy': { type: 'string', default: 'allkeys-lru' },
  force: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

export interface JoinArgs {
  help: boolean;
  force: boolean;
  configPath: string;
  request: JoinRequest;
}

/** Checks one flag against the same zod rule the config file uses. */
function checked<T>(schema: z.ZodType<T>, flag: string, value: unknown, hint: string): T {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw new UsageError(`--${flag}: ${hint}`, 'join');
  return parsed.data;
}

function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`--${flag} is required`, 'join');
  return value;
}

const parse = (argv: string[]) => parseArgs({ args: argv, options, strict: true }).values;
type JoinValues = ReturnType<typeof parse>;

function redisOptions(
  values: JoinValues,
): Pick<JoinRequest, 'redisPort' | 'maxmemory' | 'maxmemoryPolicy'> {
  const redis = redisSettingsSchema.shape;
  const policies = redis.maxmemoryPolicy.options.join(', ');
  return {
    redisPort: portFlag('join', 'redis-port', values['redis-port']),
    maxmemory: checked(redis.maxmemory, 'maxmemory', values.maxmemory, 'e.g. 256mb or 2gb'),
    maxmemoryPolicy: checked(
      redis.maxmemoryPolicy,
      'maxmemory-policy',
      values['maxmemory-policy'],
      `one of ${policies}`,
    ),
  };
}

function agentName(values: JoinValues): string {
  const name = values.name ?? nameFromHostname(os.hostname());
  const rule = 'letters, digits, dot, dash and underscore, at most 63';
  return checked(agentConfigSchema.shape.name, 'name', name, rule);
}

export function parseJoinArgs(argv: string[]): JoinArgs | { help: true } {
  const values = usageErrors('join', () => parse(argv));
  if (values.help) return { help: true };
  const url = required(values.url, 'url');
  const consoleUrl = checked(agentConfigSchema.shape.consoleUrl, 'url', url, 'an http(s) URL');
  const advertiseHost = values.advertise ?? defaultAdvertiseHost(consoleUrl);
  const configPath = resolveConfigPath(values.config);
  const dataDir = values['data-dir'];
  const request: JoinRequest = {
    consoleUrl: consoleUrl.replace(/\/+$/, ''),
    token: required(values.token ?? agentEnv.enrollmentToken, 'token'),
    name: agentName(values),
    dataDir: dataDir ? path.resolve(dataDir) : defaultDataDir(configPath),
    advertiseHost,
    listenHost: values.listen ?? advertiseHost,
    agentPort: portFlag('join', 'agent-port', values['agent-port']),
    ...redisOptions(values),
  };
  return { help: false, force: values.force, configPath, request };
}
