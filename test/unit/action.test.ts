// The GitHub Action as a runner runs it: its install step (scripts/action-install.sh) in
// a copy of the project's tracked files, then its report step's own script, taken from
// action.yml, on a real pull-request repository. It installs only what it runs, and the
// report, annotations, job summary and outputs come out. The time from the start of the
// install to the report is printed (no assertion on it).
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parse } from 'yaml';
import { buildPrRepo, removeDir, ROOT, tempDir } from '../fixtures/diff/repo.js';

interface Step { name?: string; id?: string; run?: string; env?: Record<string, string> }

describe('the GitHub Action (install and report steps, as a runner runs them)', function () {
  // npm ci of the runtime dependencies and esbuild: seconds with npm's cache, longer without.
  this.timeout(600_000);
  let dir: string;
  before(() => { dir = tempDir('action'); });
  after(() => removeDir(dir));

  it('installs only its runtime dependencies and esbuild, then reports on a pull request', () => {
    const action = join(dir, 'action');
    const runnerTemp = join(dir, 'runner-temp');
    mkdirSync(runnerTemp, { recursive: true });
    // The action's folder as `uses:` checks it out: the tracked files, without node_modules or a build.
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0').filter(Boolean);
    for (const f of tracked) {
      if (!existsSync(join(ROOT, f))) continue;
      mkdirSync(dirname(join(action, f)), { recursive: true });
      cpSync(join(ROOT, f), join(action, f));
    }
    const started = Date.now();
    const install = spawnSync('bash', [join(action, 'scripts/action-install.sh')], { cwd: action, encoding: 'utf8', env: { ...process.env, RUNNER_TEMP: runnerTemp } });
    assert.equal(install.status, 0, `${install.stdout}\n${install.stderr}`);
    const installed = Date.now();
    for (const dev of ['typescript', 'mocha', '@microsoft/sarif-multitool', '@vscode/vsce', 'fast-check', 'esbuild']) {
      assert.ok(!existsSync(join(action, 'node_modules', dev)), `${dev} is not installed in the action's folder`);
    }
    for (const runtime of ['micromark', 'ajv', 'yaml', '@secretlint/secretlint-rule-preset-recommend']) {
      assert.ok(existsSync(join(action, 'node_modules', runtime)), `${runtime} is installed`);
    }
    assert.ok(existsSync(join(action, 'dist/cli.js')), 'the CLI bundle is built');

    const repo = buildPrRepo(join(dir, 'repo'));
    const steps = (parse(readFileSync(join(action, 'action.yml'), 'utf8')) as { runs: { steps: Step[] } }).runs.steps;
    const report = steps.find((s) => s.id === 'report');
    assert.ok(report?.run, 'action.yml has the report step');
    const script = join(dir, 'report-step.sh');
    writeFileSync(script, report.run);
    const output = join(dir, 'github-output');
    const summary = join(dir, 'step-summary');
    writeFileSync(output, '');
    writeFileSync(summary, '');
    const env = {
      ...process.env, GITHUB_ACTIONS: 'true', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary, RUNNER_TEMP: runnerTemp,
      PBL_BASE: repo.main, PBL_HEAD: repo.pr, PBL_FORMAT: 'markdown', PBL_FAIL_ON: 'new', PBL_CONFIG_FROM: 'base',
      PBL_UPLOAD_SARIF: 'true', PBL_HTML_REPORT: 'false', PBL_LINK_BASE: 'https://github.example/acme/playbooks/blob/head/',
      PBL_BIN: join(action, 'bin/playbook-lint.js'),
    };
    const run = spawnSync('bash', ['-e', script], { cwd: repo.dir, encoding: 'utf8', env });
    const reported = Date.now();
    assert.equal(run.status, 0, `${run.stdout}\n${run.stderr}`);
    const outputs = Object.fromEntries(readFileSync(output, 'utf8').trim().split('\n').map((l) => l.split(/=(.*)/s).slice(0, 2) as [string, string]));
    assert.equal(outputs['exit-code'], '1', 'the PR adds an error (globex loses its Contacts section)');
    assert.match(readFileSync(outputs['report']!, 'utf8'), /globex/);
    assert.equal((JSON.parse(readFileSync(outputs['sarif']!, 'utf8')) as { version: string }).version, '2.1.0');
    assert.match(run.stdout, /^::error file=clients\/globex\.md,line=\d+/m, 'annotations on stdout');
    assert.match(readFileSync(summary, 'utf8'), /globex/, 'the job summary');
    console.log(`      action: install ${((installed - started) / 1000).toFixed(1)} s, report ${((reported - installed) / 1000).toFixed(1)} s, start to report ${((reported - started) / 1000).toFixed(1)} s`);
  });
});
