/** Runs every teardown step, each on its own: after a failed setup, the steps that can still run do. */
export async function runEach(steps: readonly (() => Promise<unknown>)[]): Promise<void> {
  for (const step of steps) {
    await step().catch((error: unknown) => {
      console.error(error);
    });
  }
}
