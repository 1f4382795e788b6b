// `npm test`: the unit suites (mocha, in this process), then the end-to-end suite in a
// real VS Code (code-server + Chromium) when present, and one closing line that CI
// reads: "N passed, N failed". Exits non-zero on any failure.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Mocha from 'mocha';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const unitOnly = process.argv.includes('--unit');

function files(dir) {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    const p = join(dir, name);
    return statSync(p).isDirectory() ? files(p) : name.endsWith('.test.js') ? [p] : [];
  }).sort();
}

async function runUnit() {
  const mocha = new Mocha({ reporter: 'spec', timeout: 60000 });
  for (const f of files(join(root, 'out/test/unit'))) mocha.addFile(f);
  await mocha.loadFilesAsync();
  return new Promise((resolve) => {
    const failures = [];
    const runner = mocha.run(() => resolve({ passed: runner.stats.passes, failed: runner.stats.failures, failures }));
    // Kept for the closing lines, since CI shows only the tail of the log: the title and the
    // message's first lines (a property's seed and counterexample among them).
    runner.on('fail', (test, err) => failures.push(`${test.fullTitle()}: ${String(err?.message ?? err).split('\n').slice(0, 3).join(' | ').slice(0, 600)}`));
  });
}

function runNode(script, args = []) {
  return new Promise((resolve) => {
    let output = '';
    const child = spawn(process.execPath, [join(root, script), ...args], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    child.stdout.on('data', (d) => { process.stdout.write(d); output += d.toString(); });
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function runE2E() {
  if (!existsSync(join(root, 'scripts/e2e-run.mjs'))) return { passed: 0, failed: 0, failures: [] };
  const setup = await runNode('scripts/e2e-setup.mjs');
  if (setup.code !== 0) { console.error('e2e: setup failed (see above)'); return { passed: 0, failed: 1, failures: ['the e2e setup (see above)'] }; }
  const run = await runNode('scripts/e2e-run.mjs');
  const m = /E2E_SUMMARY passed=(\d+) failed=(\d+)/.exec(run.output);
  const failures = [...run.output.matchAll(/^\s*FAIL (.*)$/gm)].map((f) => f[1]);
  const passed = m ? Number(m[1]) : 0;
  const failed = m ? Number(m[2]) : 0;
  return { passed, failed: run.code !== 0 && failed === 0 ? 1 : failed, failures };
}

const unit = await runUnit();
const e2e = unitOnly ? { passed: 0, failed: 0, failures: [] } : await runE2E();
const passed = unit.passed + e2e.passed;
const failed = unit.failed + e2e.failed;
for (const [suite, list] of [['unit', unit.failures], ['e2e', e2e.failures]]) for (const f of list) console.log(`FAILED (${suite}) ${f}`);
console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed${unitOnly ? '' : `; e2e: ${e2e.passed} passed, ${e2e.failed} failed`}`);
console.log(`${passed} passed, ${failed} failed`);
process.exitCode = failed > 0 || passed === 0 ? 1 : 0;
