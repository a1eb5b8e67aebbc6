import { parseArgs } from 'node:util';
import { resolveConfigPath } from '../config/paths.js';
import type { Check } from '../status/checks.js';
import { buildStatusReport, type StatusReport } from '../status/report.js';
import { commandHelp } from './help.js';
import { print } from './output.js';
import { usageErrors } from './usage-error.js';

const options = {
  config: { type: 'string' },
  json: { type: 'boolean', default: false },
  help: { type: 'boolean', short: 'h', default: false },
} as const;

function line(label: string, check: Check | null): string {
  const mark = check === null ? '-' : check.ok ? 'ok' : 'FAIL';
  return `${label.padEnd(9)}${mark.padEnd(6)}${check?.detail ?? ''}`;
}

function render(report: StatusReport): string {
  const id = report.agentId ? ` (agent ${report.agentId})` : '';
  return [
    `cachefleet-agent ${report.version}`,
    `config   ${report.configPath}`,
    line('joined', report.joined) + id,
    line('console', report.console),
    line('agent', report.agent),
    line('ready', report.ready),
    line('redis', report.redis),
    `upgrade  ${report.upgrade?.detail ?? '-'}`,
    report.healthy ? 'healthy' : 'unhealthy',
  ].join('\n');
}

/** Exit 0 only when every check passes, so scripts and monitors can rely on the code. */
export async function statusCommand(argv: string[]): Promise<number> {
  const { values } = usageErrors('status', () => parseArgs({ args: argv, options, strict: true }));
  if (values.help) {
    print(commandHelp.status);
    return 0;
  }
  const report = await buildStatusReport(resolveConfigPath(values.config));
  print(values.json ? JSON.stringify(report, null, 2) : render(report));
  return report.healthy ? 0 : 1;
}
