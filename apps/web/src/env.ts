import { z } from 'zod';

/** An empty variable counts as unset, as shells and compose files often export `X=`. */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((value) => (value === '' ? undefined : value), schema.optional());

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: 'required: the PostgreSQL URL of the control plane' })
    .min(1, 'required: the PostgreSQL URL of the control plane'),
  CACHEFLEET_ADMIN_EMAIL: z.email().default('admin@cachefleet.local'),
  CACHEFLEET_ADMIN_PASSWORD: optional(z.string().min(12, 'at least 12 characters')),
  /** The origin agents and browsers use to reach the console, e.g. https://cachefleet.example.com */
  CACHEFLEET_PUBLIC_URL: optional(
    z.url({ protocol: /^https?$/ }).transform((url) => url.replace(/\/+$/, '')),
  ),
  /** Prometheus's HTTP API, queried server-side for charts and reloaded after rule changes. */
  PROMETHEUS_URL: optional(z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, ''))),
  /** Alertmanager's HTTP API, for silences. */
  ALERTMANAGER_URL: optional(
    z.url({ protocol: /^https?$/ }).transform((u) => u.replace(/\/+$/, '')),
  ),
  /** The rules file the console renders its alert rules into (Prometheus's `rule_files`). */
  CACHEFLEET_RULES_FILE: optional(z.string().min(1)),
  /** promtool, used to validate rules before deploying them (default: from PATH). */
  PROMTOOL_BIN: z.string().min(1).default('promtool'),
  /** 32 bytes (64 hex characters) sealing stored secrets such as data-source connection strings. */
  CACHEFLEET_SECRET_KEY: optional(
    z
      .string()
      .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9_-]{43}=?)$/, '32 bytes: 64 hex characters or base64url'),
  ),
  /** Where the agent bundle (`<version>.tgz`, `.sha256`, `latest`, install.sh) is served from. */
  CACHEFLEET_AGENT_BUNDLE_DIR: optional(z.string().min(1)),
});

export type Env = z.output<typeof envSchema>;

let cached: Env | undefined;

/**
 * The only reader of process.env. Parsed on first use, not at import, so `next build` works
 * without a database; a missing or invalid variable fails loudly at the first request or start.
 */
export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`invalid environment: ${problems.join('; ')}`);
  }
  cached = parsed.data;
  return cached;
}

/** True while `next build` collects pages, when no database is reachable. */
export function isBuildPhase(): boolean {
  return process.env.NEXT_PHASE === 'phase-production-build';
}
