// @ts-check
// Builds the agent bundle the console serves: one esbuild file with every production dependency
// inlined, plus package.json (the agent reads its version there), packed as a reproducible
// `<version>.tgz` with `<version>.tgz.sha256`, a `latest` file naming the version, and install.sh.
//   node scripts/bundle-agent.mjs [--version 0.1.1] [--out dir]   (default out: apps/agent/dist/bundle)
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { build } from 'esbuild';

const root = path.resolve(import.meta.dirname, '../apps/agent');
const { values } = parseArgs({
  options: { version: { type: 'string' }, out: { type: 'string' } },
});
const pkg = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8'));
const version = values.version ?? pkg.version;
if (!/^[0-9A-Za-z][0-9A-Za-z.+-]{0,63}$/.test(version)) throw new Error(`bad version ${version}`);
const outDir = path.resolve(values.out ?? path.join(root, 'dist/bundle'));

async function stage(dir) {
  await build({
    entryPoints: [path.join(root, 'src/cli.ts')],
    outfile: path.join(dir, 'dist/cli.js'),
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'esm',
    // CommonJS dependencies call require(); give the ESM bundle one.
    banner: {
      js: "import { createRequire as __cfRequire } from 'node:module'; const require = __cfRequire(import.meta.url);",
    },
    logLevel: 'warning',
    legalComments: 'none',
  });
  const manifest = { name: pkg.name, version, type: 'module', private: true };
  await writeFile(path.join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** Same inputs, same bytes: sorted entries, fixed times and owners, no gzip timestamp. */
function pack(dir, file) {
  const tar = ['--sort=name', '--mtime=@0', '--owner=0', '--group=0', '--numeric-owner'];
  const tarball = execFileSync('tar', [...tar, '-cf', '-', '-C', dir, '.'], {
    maxBuffer: 1 << 30,
  });
  return execFileSync('gzip', ['-n', '-9'], { input: tarball, maxBuffer: 1 << 30 });
}

const work = await mkdtemp(path.join(os.tmpdir(), 'cf-agent-bundle-'));
try {
  await stage(work);
  const archive = pack(work);
  const name = `${version}.tgz`;
  const sha = createHash('sha256').update(archive).digest('hex');
  await mkdir(outDir, { recursive: true });
  await writeFile(path.join(outDir, name), archive);
  await writeFile(path.join(outDir, `${name}.sha256`), `${sha}  ${name}\n`);
  await copyFile(path.join(root, 'install/install.sh'), path.join(outDir, 'install.sh'));
  await writeFile(path.join(outDir, 'latest'), `${version}\n`);
  process.stdout.write(`agent bundle ${path.join(outDir, name)} sha256 ${sha}\n`);
} finally {
  await rm(work, { recursive: true, force: true });
}
