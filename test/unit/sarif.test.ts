// SARIF output checked by real validators from the npm registry: ajv against the
// SARIF 2.1.0 JSON schema shipped in @microsoft/sarif-multitool's platform package,
// and the SARIF Multitool's own `validate` command (its binary ships in the package).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { Log, Result } from 'sarif';
import { runDiff } from '../../src/cli/commands/diff.js';
import { runMerge } from '../../src/cli/commands/merge.js';
import { formatJson } from '../../src/cli/formatters/json.js';
import { FINGERPRINT, formatSarif, SARIF_SCHEMA } from '../../src/cli/formatters/sarif.js';
import { RULE_IDS } from '../../src/core/index.js';
import { lintPaths } from '../../src/node/lint-files.js';
import { buildPrRepo, FIXTURES, removeDir, tempDir, TODAY, type PrRepo } from '../fixtures/diff/repo.js';

const require = createRequire(import.meta.url);
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv2020) => Ajv2020;
const multitoolDir = dirname(require.resolve(`@microsoft/sarif-multitool-${process.platform}/package.json`));
const schema = JSON.parse(readFileSync(join(multitoolDir, 'sarif-2.1.0.json'), 'utf8')) as Record<string, unknown>;

function schemaErrors(log: unknown): string[] {
  const ajv = new Ajv2020({ allErrors: true, strict: false, validateFormats: true });
  addFormats(ajv);
  const validate = ajv.compile(schema);
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''}`);
}

interface MultitoolRun { code: number; output: string; results: Result[] }

/** `Sarif.Multitool validate FILE`: schema and SARIF rule checks; its own findings come back as SARIF. */
function multitoolValidate(file: string, work: string): Promise<MultitoolRun> {
  const binary = join(multitoolDir, process.platform === 'win32' ? 'Sarif.Multitool.exe' : 'Sarif.Multitool');
  const out = `${file}.validation.sarif`;
  return new Promise((resolve) => {
    execFile(binary, ['validate', file, '--output', out], {
      env: { ...process.env, DOTNET_CLI_TELEMETRY_OPTOUT: '1', DOTNET_NOLOGO: '1', DOTNET_BUNDLE_EXTRACT_BASE_DIR: work,
        DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1', HOME: work },
      maxBuffer: 1 << 24,
    }, (error, stdout, stderr) => {
      const results = existsSync(out) ? ((JSON.parse(readFileSync(out, 'utf8')) as Log).runs[0]?.results ?? []) : [];
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, output: `${stdout}${stderr}`, results });
    });
  });
}

describe('SARIF', function () {
  this.timeout(120_000);
  let dir: string;
  let repo: PrRepo;
  let diffLog: Log;
  let diffText: string;
  let lintLog: Log;
  let lintText: string;
  let mergeLog: Log;
  let mergeText: string;

  before(async () => {
    dir = tempDir('sarif');
    repo = buildPrRepo(join(dir, 'repo'));
    let stdout = '';
    const code = await runDiff(['--base', 'main', '--head', 'pr', '--format', 'sarif', '--today', TODAY],
      { cwd: repo.dir, env: { ...process.env, LANG: 'C' }, stdout: (s) => { stdout += s; }, stderr: () => undefined });
    assert.equal(code, 1);
    diffText = stdout;
    diffLog = JSON.parse(stdout) as Log;
    const cwd = join(FIXTURES, 'head');
    const results = await lintPaths(['clients'], { cwd, locale: 'en', today: TODAY, cacheDir: null, workers: 0 });
    lintText = formatSarif(results, { cwd, color: false, locale: 'en' });
    lintLog = JSON.parse(lintText) as Log;
    // The same playbooks linted in two shards, their JSON merged into one SARIF log.
    const inputs: string[] = [];
    for (const index of [1, 2]) {
      const shard = await lintPaths(['clients'], { cwd, locale: 'en', today: TODAY, cacheDir: null, workers: 0, shard: { index, count: 2 } });
      inputs.push(join(dir, `shard-${index}.json`));
      writeFileSync(inputs.at(-1)!, formatJson(shard));
    }
    mergeText = '';
    const merged = await runMerge(['--format', 'sarif', ...inputs],
      { cwd, env: { ...process.env, LANG: 'C' }, isTTY: false, stdout: (s) => { mergeText += s; }, stderr: () => undefined });
    assert.equal(merged, 1);
    mergeLog = JSON.parse(mergeText) as Log;
  });
  after(() => removeDir(dir));

  it('the schema is the real SARIF 2.1.0 schema', () => {
    assert.match(String(schema['title']), /SARIF\) Version 2\.1\.0/);
  });

  it('merge: the SARIF of the merged shards is the SARIF of one run', () => {
    assert.equal(mergeText, lintText);
  });

  for (const which of ['diff', 'lint', 'merge'] as const) {
    it(`${which}: valid against the SARIF 2.1.0 JSON schema (ajv)`, () => {
      const log = which === 'diff' ? diffLog : which === 'lint' ? lintLog : mergeLog;
      assert.deepEqual(schemaErrors(log), []);
      assert.ok(log.runs[0]!.results!.length > 0);
    });

    it(`${which}: the SARIF Multitool validates it with no error`, async () => {
      const file = join(dir, `${which}.sarif`);
      writeFileSync(file, which === 'diff' ? diffText : which === 'lint' ? lintText : mergeText);
      const run = await multitoolValidate(file, dir);
      assert.equal(run.code, 0, run.output);
      assert.match(run.output, /Analysis completed successfully/);
      const errors = run.results.filter((r) => r.level === 'error' || r.level === 'warning');
      assert.deepEqual(errors.map((r) => r.message.text ?? r.message.id), []);
    });
  }

  it('a schema violation is caught (the validator is not vacuous)', () => {
    const broken = structuredClone(diffLog) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    broken.runs[0]!.results[0]!['level'] = 'fatal';
    assert.notDeepEqual(schemaErrors(broken), []);
  });

  it('has rules with help text and docs URIs, and results with regions and fingerprints from the key', () => {
    const run = diffLog.runs[0]!;
    assert.equal(diffLog.version, '2.1.0');
    assert.equal(diffLog.$schema, SARIF_SCHEMA);
    assert.equal(run.columnKind, 'utf16CodeUnits');
    const rules = run.tool.driver.rules!;
    assert.deepEqual(rules.map((r) => r.id), [...RULE_IDS]);
    for (const r of rules) {
      assert.ok(r.help?.text && r.help.markdown, r.id);
      assert.equal(r.helpUri, `https://github.com/playbook-lint/playbook-lint/blob/main/docs/rules/${r.id}.md`);
      assert.ok(r.shortDescription?.text);
    }
    for (const res of run.results!) {
      const loc = res.locations![0]!.physicalLocation!;
      assert.ok(res.ruleIndex !== undefined && rules[res.ruleIndex]!.id === res.ruleId);
      assert.ok(loc.region!.startLine! >= 1 && loc.region!.startColumn! >= 1);
      assert.ok(loc.region!.endLine! >= loc.region!.startLine!);
      assert.equal(loc.artifactLocation!.uriBaseId, '%SRCROOT%');
      assert.ok(typeof res.partialFingerprints![FINGERPRINT] === 'string');
    }
    const globex = run.results!.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'clients/globex.md');
    assert.deepEqual(globex.map((r) => [r.ruleId, r.level, r.partialFingerprints![FINGERPRINT], r.baselineState]), [
      ['required-section', 'error', 'required-section:-:contacts', 'new'],
      ['banned-phrase', 'warning', 'banned-phrase:reporting:to be honest', 'new'],
    ]);
    const initech = run.results!.filter((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri === 'clients/initech-corp.md');
    assert.ok(initech.length > 0 && initech.every((r) => r.baselineState === 'unchanged'));
    // Deleted playbooks have no results; README never appears.
    assert.ok(!run.results!.some((r) => /umbrella|README/i.test(r.locations![0]!.physicalLocation!.artifactLocation!.uri!)));
  });

  it('plain lint: every finding, paths relative to the current folder, levels mapped (info is note)', () => {
    const run = lintLog.runs[0]!;
    const uris = new Set(run.results!.map((r) => r.locations![0]!.physicalLocation!.artifactLocation!.uri));
    assert.deepEqual([...uris].sort(), ['clients/globex.md', 'clients/hooli.md', 'clients/initech-corp.md']);
    assert.ok(run.results!.every((r) => ['error', 'warning', 'note'].includes(r.level!)));
    assert.match(run.originalUriBaseIds!['%SRCROOT%']!.uri!, /^file:\/\/\/.*\/test\/fixtures\/diff\/head\/$/);
  });
});
