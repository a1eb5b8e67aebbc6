import { ConfigError } from '../config/store.js';
import { NotInstalledError } from '../install/manifest.js';
import { agentVersion } from '../version.js';
import { commandHelp } from './help.js';
import { print, printError } from './output.js';
import { UsageError } from './usage-error.js';

type Command = (argv: string[]) => Promise<number>;

// Loaded on demand, so `--help` or a typo doesn't pay for tRPC, ioredis and prom-client.
const commands: Record<string, () => Promise<Command>> = {
  join: async () => (await import('./join.js')).joinCommand,
  run: async () => (await import('./run.js')).runCommand,
  status: async () => (await import('./status.js')).statusCommand,
  upgrade: async () => (await import('./upgrade.js')).upgradeCommand,
  uninstall: async () => (await import('./uninstall.js')).uninstallCommand,
};

async function dispatch(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    printError(commandHelp.main);
    return 2;
  }
  if (name === '-h' || name === '--help' || name === 'help') {
    print(commandHelp.main);
    return 0;
  }
  if (name === '-v' || name === '--version') {
    print(agentVersion);
    return 0;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) throw new UsageError(`unknown command '${name}'`);
  return (await load())(rest);
}

/** Runs one CLI invocation and returns its exit code: 0 ok, 1 failed, 2 bad usage. */
export async function main(argv: string[]): Promise<number> {
  try {
    return await dispatch(argv);
  } catch (error) {
    if (error instanceof UsageError) {
      const help = error.command
        ? `cachefleet-agent ${error.command} --help`
        : 'cachefleet-agent --help';
      printError(`error: ${error.message}\nRun '${help}' for usage.`);
      return 2;
    }
    if (error instanceof ConfigError && error.code === 'E_CONFIG_MISSING') {
      printError(`error: ${error.message}; join this host first with 'cachefleet-agent join'.`);
      return 1;
    }
    if (error instanceof NotInstalledError) {
      printError(`error: ${error.message}; install the agent with the console's install.sh first.`);
      return 1;
    }
    printError(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
