import path from 'node:path';
import { defineConfig } from '@playwright/test';

const reportDir = process.env.CACHEFLEET_TEST_REPORT_DIR;
const ci = Boolean(process.env.CI);

export default defineConfig({
  testDir: './tests',
  globalSetup: './global-setup.ts',
  forbidOnly: ci,
  retries: ci ? 1 : 0,
  workers: 1,
  timeout: 120_000,
  expect: { timeout: 20_000 },
  reporter: reportDir
    ? [['list'], ['json', { outputFile: path.join(reportDir, 'e2e.json') }]]
    : [['list']],
  use: {
    baseURL: process.env.CACHEFLEET_E2E_URL,
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: {
      // Debian's Chromium; Playwright never downloads a browser here.
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
});
