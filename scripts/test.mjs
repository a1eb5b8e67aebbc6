// npm test: build, lint, typecheck, unit + integration tests (vitest, real Redis and PostgreSQL),
// and the Playwright journeys in Debian's Chromium. Ends with one summary line:
// "tests: N passed, N failed[, N skipped]".
// @ts-check
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const reportDir = path.join(root, '.test-reports');
const env = { ...process.env, CACHEFLEET_TEST_REPORT_DIR: reportDir, FORCE_COLOR: '0' };
const failures = [];

/** @param {string} name @param {string} command @param {string[]} args */
function step(name, command, args) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { cwd: root, env, stdio: 'inherit' });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(`=== ${name}: ${ok ? 'ok' : 'FAILED'} in ${seconds}s`);
  if (!ok) failures.push(name);
  return ok;
}

/** Sums vitest and Playwright JSON reports into passed/failed/skipped counts. */
function summarize() {
  const totals = { passed: 0, failed: 0, skipped: 0 };
  if (!existsSync(reportDir)) return totals;
  for (const file of readdirSync(reportDir).filter((f) => f.endsWith('.json'))) {
    const report = JSON.parse(readFileSync(path.join(reportDir, file), 'utf8'));
    const counts = report.stats
      ? {
          passed: report.stats.expected + report.stats.flaky,
          failed: report.stats.unexpected,
          skipped: report.stats.skipped,
        }
      : {
          passed: report.numPassedTests,
          failed: report.numFailedTests,
          skipped: report.numPendingTests + report.numTodoTests,
        };
    console.log(
      `  ${file.replace(/\.json$/, '').padEnd(12)} ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`,
    );
    totals.passed += counts.passed;
    totals.failed += counts.failed;
    totals.skipped += counts.skipped;
  }
  return totals;
}

rmSync(reportDir, { recursive: true, force: true });
mkdirSync(reportDir, { recursive: true });

const built = step('build', 'npx', ['turbo', 'run', 'build', '--output-logs=errors-only']);
step('format', 'npx', ['prettier', '--check', '--log-level=warn', '.']);
if (built) {
  step('lint', 'npx', ['turbo', 'run', 'lint', '--output-logs=errors-only']);
  step('typecheck', 'npx', ['turbo', 'run', 'typecheck', '--output-logs=errors-only']);
  step('unit+integration', 'npx', ['turbo', 'run', 'test', '--concurrency=1', '--continue']);
  step('e2e', 'npm', ['run', 'e2e', '-w', '@cachefleet/e2e']);
}

console.log('\n=== summary');
const totals = summarize();
const checks = failures.length ? `failed steps: ${failures.join(', ')}` : 'all steps ok';
console.log(checks);
const failed = totals.failed + (failures.length && !totals.failed ? failures.length : 0);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`tests: ${totals.passed} passed, ${failed} failed${skipped}`);
process.exit(failures.length || totals.failed ? 1 : 0);
