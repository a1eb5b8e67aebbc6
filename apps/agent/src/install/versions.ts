// Versions live side by side in `<prefix>/versions/<v>`; `<prefix>/current` is a symlink that
// is replaced in one rename, so the launcher always starts a complete version.
import { execFile } from 'node:child_process';
import { mkdir, readlink, rename, rm, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export function currentLink(prefix: string): string {
  return path.join(prefix, 'current');
}

/** The version `current` points at (e.g. `0.1.0`). */
export async function currentVersion(prefix: string): Promise<string> {
  return path.basename(await readlink(currentLink(prefix)));
}

/** Unpacks the bundle into `versions/<version>` (replacing an earlier unpack of it). */
export async function unpackVersion(prefix: string, version: string, archive: string) {
  const target = path.join(prefix, 'versions', version);
  const staging = `${target}.unpacking`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(staging, { recursive: true });
  await run('tar', ['-xzf', archive, '-C', staging]);
  const { stdout } = await run(process.execPath, [path.join(staging, 'dist/cli.js'), '--version']);
  if (stdout.trim() !== version) {
    await rm(staging, { recursive: true, force: true });
    throw new Error(`the bundle reports version ${stdout.trim()}, not ${version}`);
  }
  await rm(target, { recursive: true, force: true });
  await rename(staging, target);
}

/** Points `current` at `versions/<version>` atomically (symlink beside it, then rename over). */
export async function switchCurrent(prefix: string, version: string): Promise<void> {
  const temp = `${currentLink(prefix)}.next`;
  await rm(temp, { force: true });
  await symlink(path.join('versions', version), temp);
  await rename(temp, currentLink(prefix));
}

/** Removes every unpacked version but `keep`. */
export async function pruneVersions(prefix: string, keep: string[], all: string[]) {
  for (const version of all.filter((v) => !keep.includes(v))) {
    await rm(path.join(prefix, 'versions', version), { recursive: true, force: true });
  }
}
