// Agent bundles for install/upgrade tests, built by the production bundle script. A "broken"
// bundle is that bundle with its `run` made to exit at once, repacked here with a fresh SHA-256,
// so the script itself has no test-only behaviour.
import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../..');
export const bundleScript = path.join(root, 'scripts/bundle-agent.mjs');
export const installScript = path.join(root, 'apps/agent/install/install.sh');

/** Builds `<out>/<version>.tgz` (+ .sha256) and makes it the version `latest` names. */
export async function buildBundle(version: string, out: string): Promise<void> {
  await run(process.execPath, [bundleScript, '--version', version, '--out', out]);
}

const failingRun =
  "if (process.argv[2] === 'run') { console.error('this test bundle never starts'); process.exit(3); }\n";

/** Like buildBundle, but the agent exits with status 3 on `run` (`--version` still answers). */
export async function buildBrokenBundle(version: string, out: string): Promise<void> {
  await buildBundle(version, out);
  const name = `${version}.tgz`;
  const work = await mkdtemp(path.join(os.tmpdir(), 'cf-broken-bundle-'));
  try {
    await run('tar', ['-xzf', path.join(out, name), '-C', work]);
    const cli = path.join(work, 'dist/cli.js');
    const code = await readFile(cli, 'utf8');
    // After the banner line (imports are hoisted anyway), before anything else runs.
    const cut = code.indexOf('\n') + 1;
    await writeFile(cli, code.slice(0, cut) + failingRun + code.slice(cut));
    await run('tar', ['-czf', path.join(out, name), '-C', work, '.']);
  } finally {
    await rm(work, { recursive: true, force: true });
  }
  const sha = createHash('sha256')
    .update(await readFile(path.join(out, name)))
    .digest('hex');
  await writeFile(path.join(out, `${name}.sha256`), `${sha}  ${name}\n`);
}
