// stop() must end even when one of its steps never does (an operation step, a PostgreSQL pool, a
// Redis that stopped answering): the step is logged by name and the rest of stop() runs.
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { shutdownStep } from '../../src/run/shutdown-step.js';

function capture(): { log: ReturnType<typeof createLogger>; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = createLogger({}, 'info', (text) => {
    lines.push(JSON.parse(text) as Record<string, unknown>);
  });
  return { log, lines };
}

describe('shutdownStep', () => {
  it('goes on after the limit when the step never finishes, naming it', async () => {
    const { log, lines } = capture();
    await shutdownStep(log, 'data service', 50, () => new Promise(() => undefined));
    expect(lines).toEqual([
      expect.objectContaining({ level: 'warn', step: 'data service', limitMs: 50 }),
    ]);
  });

  it('logs a failed step and goes on', async () => {
    const { log, lines } = capture();
    await shutdownStep(log, 'fleet orchestration', 5_000, () =>
      Promise.reject(new Error('lease lost')),
    );
    expect(lines).toEqual([
      expect.objectContaining({ step: 'fleet orchestration', error: 'lease lost' }),
    ]);
  });

  it('waits for a step that finishes and logs nothing', async () => {
    const { log, lines } = capture();
    let finished = false;
    await shutdownStep(log, 'http server', 5_000, async () => {
      await new Promise((resolve) => setTimeout(resolve, 20));
      finished = true;
    });
    expect(finished).toBe(true);
    expect(lines).toEqual([]);
  });
});
