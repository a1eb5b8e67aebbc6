import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { defaultRulePack } from './default-rule-pack.js';
import { ruleExpression } from './rule-catalogue.js';

const rulesFile = path.resolve(
  import.meta.dirname,
  '../../../../deploy/prometheus/cachefleet.rules.yml',
);

/** The `- alert:` blocks of the plain rules file, keyed by alert name. */
function alertBlocks(text: string): Map<string, string> {
  const blocks = new Map<string, string>();
  for (const block of text.split(/^\s+- alert: /m).slice(1)) {
    const name = block.split('\n', 1)[0]?.trim() ?? '';
    blocks.set(name, block);
  }
  return blocks;
}

describe('deploy/prometheus/cachefleet.rules.yml', () => {
  it('holds every rule of the default pack with the same expression and for', async () => {
    const blocks = alertBlocks(await readFile(rulesFile, 'utf8'));
    expect([...blocks.keys()].sort()).toEqual(defaultRulePack.map((r) => r.name).sort());
    for (const rule of defaultRulePack) {
      const block = blocks.get(rule.name) ?? '';
      const expr = ruleExpression({ ...rule, expression: rule.expression ?? null });
      expect(block).toContain(`expr: '${expr}'`);
      expect(block).toContain(`for: ${String(rule.forSeconds)}s`);
      expect(block).toContain(`severity: ${rule.severity ?? 'warning'}`);
    }
  });
});
