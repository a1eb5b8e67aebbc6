// One agent per data dir: `<dataDir>/agent.lock` holds the owner's pid, created with O_EXCL so two
// agents starting at the same moment can't both win. A lock whose owner died is taken over.
import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AgentAlreadyRunningError, isLiveProcess } from './processes.js';

export interface InstanceLock {
  release(): Promise<void>;
}

async function lockHolder(file: string): Promise<number | undefined> {
  const pid = Number((await readFile(file, 'utf8').catch(() => '')).trim());
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

export async function acquireInstanceLock(dataDir: string): Promise<InstanceLock> {
  const file = path.join(dataDir, 'agent.lock');
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      await writeFile(file, `${process.pid}\n`, { flag: 'wx', mode: 0o600 });
      return { release: () => rm(file, { force: true }) };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const holder = await lockHolder(file);
    if (holder !== undefined && (await isLiveProcess(holder, /cachefleet|cli\.js/, true))) {
      throw new AgentAlreadyRunningError(
        `an agent is already running with data dir ${dataDir} (pid ${holder})`,
      );
    }
    // Left by an agent that was killed before it could clean up.
    await rm(file, { force: true });
  }
  throw new AgentAlreadyRunningError(`could not lock ${file}; another agent keeps taking it`);
}
