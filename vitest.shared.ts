// Shared vitest settings: every package writes a JSON report that scripts/test.mjs sums up.
import path from 'node:path';
import { defineConfig, type ViteUserConfig } from 'vitest/config';

const reportDir = process.env.CACHEFLEET_TEST_REPORT_DIR;

export function packageTestConfig(name: string, test: ViteUserConfig['test'] = {}): ViteUserConfig {
  const reporters: NonNullable<ViteUserConfig['test']>['reporters'] = reportDir
    ? ['default', ['json', { outputFile: path.join(reportDir, `${name}.json`) }]]
    : ['default'];
  return defineConfig({
    test: {
      include: ['src/**/*.test.ts', 'tests/**/*.test.ts'],
      testTimeout: 30_000,
      hookTimeout: 60_000,
      reporters,
      ...test,
    },
  });
}
