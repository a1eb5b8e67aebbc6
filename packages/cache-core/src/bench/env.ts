import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The only place the benchmarks read the environment. */

/** `<repo root>/../shared/traces` unless CACHEFLEET_TRACES_DIR says otherwise. */
export function tracesDir(): string {
  const fromEnv = process.env.CACHEFLEET_TRACES_DIR;
  if (fromEnv !== undefined && fromEnv !== '') return path.resolve(fromEnv);
  const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
  return path.resolve(repoRoot, '../shared/traces');
}

/** Where the user typed the command: npm runs scripts from the package root and keeps it in INIT_CWD. */
export function invocationDir(): string {
  const initCwd = process.env.INIT_CWD;
  return initCwd !== undefined && initCwd !== '' ? initCwd : process.cwd();
}
