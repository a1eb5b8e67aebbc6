import { prepareConfigDir, readConfig, writeConfig, configExists } from '../config/store.js';
import type { AgentConfig } from '../config/schema.js';
import { describeFailure } from '../control-plane/errors.js';
import { enroll } from '../join/enroll.js';
import { parseJoinArgs } from './join-args.js';
import { commandHelp } from './help.js';
import { print, printError } from './output.js';

const joinFailureText = {
  refused: 'the console refused to join',
  'bad-response': `the server did not answer like a cachefleet console (is --url right?)`,
  unreachable: 'could not reach the console',
} as const;

/** Why an existing config blocks a join, or undefined when there is none. */
async function existingConfigProblem(configPath: string): Promise<string | undefined> {
  if (!(await configExists(configPath))) return undefined;
  try {
    const config = await readConfig(configPath);
    return `this host is already joined as ${config.name} (agent ${config.agentId}); config: ${configPath}`;
  } catch {
    return `a file already exists at ${configPath}`;
  }
}

export async function joinCommand(argv: string[]): Promise<number> {
  const args = parseJoinArgs(argv);
  if (args.help) {
    print(commandHelp.join);
    return 0;
  }
  const problem = args.force ? undefined : await existingConfigProblem(args.configPath);
  if (problem) {
    printError(`error: ${problem}\nUse --force to join again and replace it.`);
    return 1;
  }
  // Fail on an unwritable config folder before the one-time token is spent.
  await prepareConfigDir(args.configPath);
  let config: AgentConfig;
  try {
    config = await enroll(args.request);
  } catch (error) {
    const failure = describeFailure(error);
    printError(`error: ${joinFailureText[failure.kind]}: ${failure.message} (${failure.code})`);
    return 1;
  }
  await writeConfig(args.configPath, config);
  print(`joined as ${config.name} (agent ${config.agentId})`);
  print(`config written to ${args.configPath}`);
  print(`start the agent with: cachefleet-agent run --config ${args.configPath}`);
  return 0;
}
