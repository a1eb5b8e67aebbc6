import { ConfigError } from '../config/store.js';
import { agentVersion } from '../version.js';
import { commandHelp } from './help.js';
import { joinCommand } from './join.js';
import { print, printError } from './output.js';
import { runCommand } from './run.js';
import { statusCommand } from './status.js';
import { UsageError } from './usage-error.js';

const commands: Record<string, (argv: string[]) => Promise<number>> = {
  join: joinCommand,
  run: runCommand,
  status: statusCommand,
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
  const command = commands[name];
  if (!command) throw new UsageError(`unknown command '${name}'`);
  return command(rest);
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
    printError(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
