import { ensureFirstAdmin, installDefaultRules } from '@cachefleet/api';
import { migrateDatabase } from '@cachefleet/db';
import { getEnv, isBuildPhase } from '~/env';
import { getDb } from './db';
import { getMonitoringConfig } from './monitoring';

/**
 * Brings the database up to date and creates the first admin. A launcher usually did both
 * already, so each step is idempotent; a generated password is printed exactly once.
 */
async function bootstrap(): Promise<void> {
  const env = getEnv();
  const db = getDb();
  await migrateDatabase(db);
  const admin = await ensureFirstAdmin(db, {
    email: env.CACHEFLEET_ADMIN_EMAIL,
    password: env.CACHEFLEET_ADMIN_PASSWORD,
  });
  await deployAlertRules();
  if (admin.password === undefined) return;
  if (env.CACHEFLEET_ADMIN_PASSWORD === undefined) {
    console.log(`cachefleet: first admin created: ${admin.email} / ${admin.password} (shown once)`);
  } else {
    console.log(`cachefleet: first admin created: ${admin.email} (password from the environment)`);
  }
}

/** Installs the default rule pack and renders the rules file; Prometheus may not be up yet. */
async function deployAlertRules(): Promise<void> {
  try {
    const { installed, deploy } = await installDefaultRules(getDb(), getMonitoringConfig());
    if (installed > 0) console.log(`cachefleet: installed ${installed} default alert rules`);
    if (deploy.problem && deploy.written) console.log(`cachefleet: alert rules: ${deploy.problem}`);
  } catch (error) {
    // Charts and the console work without rules; say why alerting is not deployed.
    console.error(`cachefleet: alert rules not deployed: ${describe(error)}`);
  }
}

/** The message and its causes, e.g. a failed migration query and the ECONNREFUSED beneath it. */
function describe(error: unknown): string {
  const parts: string[] = [];
  let current: unknown = error;
  while (current instanceof Error && parts.length < 4) {
    parts.push(current.message.split('\n')[0] ?? current.message);
    current = current.cause;
  }
  return parts.length > 0 ? parts.join(': ') : String(error);
}

/** Bootstraps, or stops the process: a console without its database cannot serve anything. */
export async function startServer(): Promise<void> {
  if (isBuildPhase()) return;
  try {
    await bootstrap();
  } catch (error) {
    console.error(`cachefleet: cannot start: ${describe(error)}`);
    process.exit(1);
  }
}
