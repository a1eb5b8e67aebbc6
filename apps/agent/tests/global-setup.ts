// The process tests run `node dist/cli.js`; build it so they never test a stale dist/.
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export default function setup(): void {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  // Incremental: a suite run after an unchanged build only checks what changed.
  const args = [
    '-p',
    'tsconfig.build.json',
    '--incremental',
    '--tsBuildInfoFile',
    'dist/.tsbuildinfo',
  ];
  execFileSync(process.execPath, [tsc, ...args], { cwd: root, stdio: 'inherit' });
}
