// Waits for a condition the cluster reaches on its own (gossip, replication, failover).
export interface PollOptions {
  timeoutMs: number;
  intervalMs?: number;
  signal: AbortSignal;
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Calls `check` until it returns true; a thrown error counts as "not yet" until the deadline. */
export async function pollUntil(
  what: string,
  check: () => Promise<boolean>,
  options: PollOptions,
): Promise<void> {
  const deadline = Date.now() + options.timeoutMs;
  let last = '';
  for (;;) {
    options.signal.throwIfAborted();
    try {
      if (await check()) return;
      last = '';
    } catch (error) {
      last = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${last}` : ''}`);
    await sleep(options.intervalMs ?? 200, options.signal);
  }
}
