import type { Logger } from '../logger.js';

const shutdownSignals: NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Resolves on the first SIGTERM or SIGINT. The handlers stay installed, so a second signal while
 * shutting down is logged instead of killing the agent and orphaning redis-server.
 */
export function shutdownRequested(log: Logger): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const onSignal = (signal: NodeJS.Signals) => {
      if (received) {
        log.warn('already shutting down', { signal });
        return;
      }
      received = signal;
      log.info('shutting down', { signal });
      resolve(signal);
    };
    for (const signal of shutdownSignals) process.on(signal, onSignal);
  });
}
