import { parseArgs } from 'node:util';
import { resolveConfigPath } from '../config/paths.js';
import { readConfig } from '../config/store.js';
import { createLogger } from '../logger.js';
import { startAgent, type RunningAgent } from '../run/agent.js';
import { shutdownRequested } from '../run/signals.js';
import { commandHelp } from './help.js';
import { print } from './output.js';
import { usageErrors } from './usage-error.js';

const options = {
  config: { type: 'string' },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

/** Runs until SIGTERM/SIGINT; exits 1 only when the agent cannot start at all. */
export async function runCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors('run', () => parseArgs({ args: argv, options, strict: true }));
  if (values.help) {
    print(commandHelp.run);
    return 0;
  }
  const config = await readConfig(resolveConfigPath(values.config));
  const log = createLogger({ agent: config.name });
  // Listen for signals before anything starts, so an early SIGTERM still stops Redis cleanly.
  const shutdown = shutdownRequested(log);
  let agent: RunningAgent;
  try {
    agent = await startAgent(config, log);
  } catch (error) {
    log.error('agent failed to start', { error });
    return 1;
  }
  await shutdown;
  await agent.stop();
  log.info('agent stopped');
  return 0;
}
