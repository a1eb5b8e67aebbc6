import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from './default-rule-pack.js';
import { ruleExpression } from './rule-catalogue.js';

const deployDir = path.resolve(import.meta.dirname, '../../../../deploy');
const rulesFile = path.join(deployDir, 'prometheus/cachefleet.rules.yml');
const dashboardFile = path.join(deployDir, 'grafana/cachefleet.json');
const promtool = (...args: string[]) => promisify(execFile)('promtool', args);

/** The `- alert:` blocks of the plain rules file, keyed by alert name. */
function alertBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of text.split(/^\s+- alert: /m).slice(1)) {
    const name = block.split('\n', 1)[0]?.trim() ?? '';
    blocks.set(name, block);
  }
  return blocks;
}

/** A single-quoted YAML scalar. */
const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;

describe('deploy/prometheus/cachefleet.rules.yml', () => {
  it('holds every rule of the default pack with the same expression, for and annotations', async () => {
    const blocks = alertBlocks(await readFile(rulesFile, 'utf8'));
    expect([...blocks.keys()].sort()).toEqual(defaultRulePack.map((r) => r.name).sort());
    for (const rule of defaultRulePack) {
      const block = blocks.get(rule.name) ?? '';
      const expr = ruleExpression({ ...rule, expression: rule.expression ?? null });
      expect(block).toContain(`expr: ${quoted(expr)}`);
      expect(block).toContain(`for: ${String(rule.forSeconds)}s`);
      expect(block).toContain(`severity: ${rule.severity ?? 'warning'}`);
      expect(block).toContain(`summary: ${quoted(rule.summary ?? '')}`);
      expect(block).toContain(`description: ${quoted(rule.description)}`);
    }
  });

  it('passes promtool check rules, templates included', async () => {
    const { stdout } = await promtool('check', 'rules', rulesFile);
    expect(stdout).toContain(`SUCCESS: ${String(defaultRulePack.length)} rules found`);
  });
});

interface Dashboard {
  panels: { title: string; targets: { expr: string }[] }[];
}

describe('deploy/grafana/cachefleet.json', () => {
  it('has only panel queries Prometheus parses, over cachefleet metrics', async () => {
    const dashboard = JSON.parse(await readFile(dashboardFile, 'utf8')) as Dashboard;
    // Grafana's variables, as Grafana would substitute them.
    const exprs = dashboard.panels.flatMap((panel) =>
      panel.targets.map((target) =>
        target.expr
          .replaceAll('$__rate_interval', '1m')
          .replace(/\$(cluster|node|namespace)/g, '.*'),
      ),
    );
    expect(exprs.every((expr) => /cachefleet_|up\{/.test(expr))).toBe(true);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cf-dashboard-'));
    try {
      const file = path.join(dir, 'panels.json');
      const rules = exprs.map((expr, i) => ({ record: `panel:${String(i)}`, expr }));
      await writeFile(file, JSON.stringify({ groups: [{ name: 'panels', rules }] }));
      const { stdout } = await promtool('check', 'rules', file);
      expect(stdout).toContain(`SUCCESS: ${String(exprs.length)} rules found`);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
