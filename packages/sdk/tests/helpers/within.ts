/** Polls until `check` holds; fails once `limitMs` has passed without it. */
export async function within(limitMs: number, check: () => Promise<boolean>): Promise<void> {
  const started = performance.now();
  while (!(await check())) {
    if (performance.now() - started > limitMs) throw new Error(`not within ${limitMs} ms`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}
