/** Runs once per server start, before the first request is served. */
export async function register(): Promise<void> {
  // Read inline (not through ~/env) so the bundler can drop the Node-only import for other runtimes.
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    const { startServer } = await import('./server/bootstrap');
    await startServer();
  }
}
