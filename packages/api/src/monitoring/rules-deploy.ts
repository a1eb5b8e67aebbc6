import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { MonitoringConfig } from './config.js';
import { reloadPrometheus, PrometheusUnavailable } from './prometheus-client.js';

/** promtool refused the rules; `reason` is promtool's own message. */
export class RulesRejected extends Error {
  constructor(readonly reason: string) {
    super(reason);
  }
}

function promtool(bin: string, file: string): Promise<{ ok: boolean; output: string } | null> {
  return new Promise((resolve) => {
    execFile(bin, ['check', 'rules', file], { timeout: 30_000 }, (error, stdout, stderr) => {
      if (error && 'code' in error && error.code === 'ENOENT') resolve(null);
      else resolve({ ok: !error, output: `${stdout}\n${stderr}` });
    });
  });
}

/** Runs `promtool check rules` on `content`; throws RulesRejected with its message. */
export async function validateRules(config: MonitoringConfig, content: string): Promise<boolean> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-rules-'));
  const file = path.join(dir, 'cachefleet.rules.json');
  try {
    await writeFile(file, content);
    const result = await promtool(config.promtoolBin ?? 'promtool', file);
    if (!result) return false;
    if (!result.ok) {
      const message = result.output
        .split('\n')
        .map((line) => line.replaceAll(`${file}: `, '').replaceAll(file, 'rules').trim())
        .filter((line) => line && !line.startsWith('Checking') && line !== 'FAILED:')
        .join('\n');
      throw new RulesRejected(message || 'promtool rejected the rules');
    }
    return true;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface DeployResult {
  validated: boolean;
  written: boolean;
  reloaded: boolean;
  problem: string | null;
}

/** Replaces the rules file atomically and asks Prometheus to reload it. */
export async function writeAndReload(
  config: MonitoringConfig,
  content: string,
  validated: boolean,
): Promise<DeployResult> {
  const result: DeployResult = { validated, written: false, reloaded: false, problem: null };
  if (!config.rulesFile) return { ...result, problem: 'no rules file configured' };
  await mkdir(path.dirname(config.rulesFile), { recursive: true });
  const temporary = `${config.rulesFile}.${process.pid}.tmp`;
  await writeFile(temporary, content);
  await rename(temporary, config.rulesFile);
  result.written = true;
  if (!config.prometheusUrl) return { ...result, problem: 'no Prometheus URL configured' };
  try {
    await reloadPrometheus(config.prometheusUrl);
    result.reloaded = true;
  } catch (error) {
    if (!(error instanceof PrometheusUnavailable)) throw error;
    result.problem = error.reason;
  }
  return result;
}
