import type { Logger } from '../logger.js';

/**
 * Waits for one step of the agent's shutdown at most `limitMs`. A step still running then is
 * logged by name and left behind, so the steps after it (stopping redis-server above all) still
 * run: the process exits once stop() returns, which ends whatever was left.
 */
export async function shutdownStep(
  log: Logger,
  step: string,
  limitMs: number,
  work: () => Promise<unknown>,
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<'late'>((resolve) => {
    timer = setTimeout(() => {
      resolve('late');
    }, limitMs);
  });
  const done = work().then(
    () => 'done' as const,
    (error: unknown) => {
      log.warn('shutdown step failed', { step, error });
      return 'done' as const;
    },
  );
  try {
    if ((await Promise.race([done, late])) === 'late') {
      log.warn('shutdown step did not finish in time, going on without it', { step, limitMs });
    }
  } finally {
    clearTimeout(timer);
  }
}
