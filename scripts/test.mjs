// `npm test`: build once, run every vitest project, and end with the plain "N passed, N failed" line CI reads.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, existsSync, rmSync, writeFileSync } from 'node:fs';

const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit', shell: false });

const build = run(process.execPath, ['scripts/build.mjs']);
mkdirSync('test-results', { recursive: true });
const finish = (line, code) => {
  writeFileSync('test-results/summary.txt', line);
  console.log(line);
  process.exit(code);
};
if (build.status !== 0) finish('0 passed, 1 failed', 1);
const report = 'test-results/vitest.json';
if (existsSync(report)) rmSync(report);
const extra = process.argv.slice(2);
const vitest = run(process.execPath, [
  'node_modules/vitest/vitest.mjs', 'run', '--reporter=default', '--reporter=json', `--outputFile=${report}`, ...extra,
]);
let passed = 0;
let failed = 0;
if (existsSync(report)) {
  const r = JSON.parse(readFileSync(report, 'utf8'));
  passed = r.numPassedTests ?? 0;
  failed = r.numFailedTests ?? 0;
  // A suite that fails to load reports no tests; count it so it cannot pass silently.
  for (const s of r.testResults ?? []) if (s.status === 'failed' && (s.assertionResults ?? []).length === 0) failed++;
}
if (vitest.status !== 0 && failed === 0) failed = 1;
finish(`${passed} passed, ${failed} failed`, vitest.status === 0 && failed === 0 && passed > 0 ? 0 : 1);
