// The CLI through the real bin, as a table of {args, cwd, exitCode, stdout} cases
// over fixture folders (markdownlint-cli2 style), plus new/init/--fix/cache runs.
import assert from 'node:assert/strict';
import { execFile, spawn } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CACHE_FILE, TOOL_VERSION } from '../../src/node/cache.js';
import { CacheData } from '../../src/node/cache-data.js';
import { IndexFile } from '../../src/node/cache-index.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/playbook-lint.js');
const fixtures = join(root, 'test/fixtures/cli');
const TODAY = '2026-11-25';

interface Run { code: number; stdout: string; stderr: string }

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, LANG: 'C', NO_COLOR: '1', ...env }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

function files(json: string): string[] {
  return (JSON.parse(json) as Array<{ file: string }>).map((r) => r.file);
}

interface Case {
  name: string;
  args: string[];
  cwd: string;
  exitCode: number;
  stdout?: (out: string) => void;
  stderr?: RegExp;
}

const json = ['--format', 'json', '--no-cache', '--today', TODAY];

const cases: Case[] = [
  { name: 'prints the version', args: ['--version'], cwd: 'basic', exitCode: 0, stdout: (o) => assert.match(o, /^\d+\.\d+\.\d+\n$/) },
  { name: 'prints help', args: ['--help'], cwd: 'basic', exitCode: 0, stdout: (o) => assert.match(o, /Usage: playbook-lint/) },
  { name: 'a folder lists only playbooks (client key), not README, notes or gitignored files', args: [...json, '.'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.deepEqual(files(o), ['acme.md', 'gaps.md', 'new.md']) },
  { name: 'no path lints the current folder', args: json, cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.deepEqual(files(o), ['acme.md', 'gaps.md', 'new.md']) },
  { name: 'a complete playbook exits 0', args: [...json, 'acme.md'], cwd: 'basic', exitCode: 0,
    stdout: (o) => { const [r] = JSON.parse(o); assert.equal(r.completeness.score, 100); assert.deepEqual(r.findings, []); assert.equal(r.client, 'Acme Outdoor Co.'); } },
  { name: 'a file named explicitly is linted whatever it holds', args: [...json, 'README.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => { const [r] = JSON.parse(o); assert.equal(r.file, 'README.md'); assert.equal(r.client, null); assert.ok(r.findings.some((f: { ruleId: string }) => f.ruleId === 'frontmatter-schema')); } },
  { name: '-- separates paths from subcommand names', args: [...json, '--', 'new.md'], cwd: 'basic', exitCode: 0,
    stdout: (o) => assert.deepEqual(files(o), ['new.md']) },
  { name: 'globs expand to matching playbooks', args: [...json, '*.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.deepEqual(files(o), ['acme.md', 'gaps.md', 'new.md']) },
  { name: 'paths are relative to the current folder with / separators', args: [...json, 'basic/gaps.md'], cwd: '.', exitCode: 1,
    stdout: (o) => assert.deepEqual(files(o), ['basic/gaps.md']) },
  { name: 'json findings follow the contract', args: [...json, 'gaps.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => {
      const [r] = JSON.parse(o);
      assert.deepEqual(Object.keys(r), ['file', 'client', 'completeness', 'findings']);
      for (const f of r.findings) {
        assert.deepEqual(Object.keys(f), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable', 'section', 'key']);
      }
      const ids = r.findings.map((f: { ruleId: string }) => f.ruleId);
      for (const id of ['frontmatter-schema', 'required-section', 'empty-section', 'banned-phrase', 'jargon', 'vague-goal']) assert.ok(ids.includes(id), id);
      const billing = r.completeness.missing.find((m: { id: string }) => m.id === 'billing');
      assert.deepEqual(billing, { kind: 'section', id: 'billing', title: 'Billing & Invoicing' });
    } },
  { name: 'the config picks playbooks by glob and sets severities', args: json, cwd: 'with-config', exitCode: 1,
    stdout: (o) => {
      const r = JSON.parse(o);
      assert.deepEqual(r.map((x: { file: string }) => x.file), ['clients/selected.md']);
      assert.ok(!r[0].findings.some((f: { ruleId: string }) => f.ruleId === 'jargon'));
      assert.equal(r[0].findings.find((f: { ruleId: string }) => f.ruleId === 'vague-goal').severity, 'error');
    } },
  { name: 'a bad config is exit 2 with file, line and column', args: json, cwd: 'bad-config', exitCode: 2, stderr: /\.playbook-lint\.jsonc:3:\d+: .*jargon/ },
  { name: 'a bad config in a subfolder is exit 2 with its file, line and column; nothing is printed', args: json, cwd: 'nested-bad-config', exitCode: 2,
    stderr: /sub\/\.playbook-lint\.jsonc:2:\d+: .*jargon/, stdout: (o) => assert.equal(o, '') },
  { name: 'an unknown format is a usage error', args: ['--format', 'xml'], cwd: 'basic', exitCode: 2, stderr: /unknown format/ },
  { name: 'an unknown option is a usage error', args: ['--frobnicate'], cwd: 'basic', exitCode: 2, stderr: /frobnicate/ },
  { name: 'a missing path is a usage error', args: ['nope.md'], cwd: 'basic', exitCode: 2, stderr: /no such file or folder: nope\.md/ },
  // Playbooks are linted as discovery finds them: a bad argument after a good one still fails before any output.
  { name: 'a missing path after a folder is a usage error, with no report', args: [...json, '.', 'nope.md'], cwd: 'basic', exitCode: 2,
    stderr: /no such file or folder: nope\.md/, stdout: (o) => assert.equal(o, '') },
  { name: 'a file named and inside a named folder is linted once', args: [...json, 'acme.md', '.', 'acme.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.deepEqual(JSON.parse(o).map((x: { file: string }) => x.file), ['acme.md', 'gaps.md', 'new.md']) },
  { name: 'non-UTF-8 and binary files get one file-unreadable finding; the others are linted', args: [...json, 'good.md', 'latin1.md', 'binary.md'], cwd: 'unreadable', exitCode: 1,
    stdout: (o) => {
      const r = JSON.parse(o) as Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }>;
      const by = Object.fromEntries(r.map((x) => [x.file, x.findings]));
      assert.deepEqual(by['good.md'], []);
      assert.deepEqual(by['latin1.md']!.map((f) => f.ruleId), ['file-unreadable']);
      assert.match(by['latin1.md']![0]!.message, /UTF-8/);
      assert.deepEqual(by['binary.md']!.map((f) => f.ruleId), ['file-unreadable']);
    } },
  { name: 'stylish groups per file and ends with a summary', args: ['--no-cache', '--today', TODAY, 'gaps.md', 'acme.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => {
      assert.match(o, /^acme\.md {2}Acme Outdoor Co\. · 100%/m);
      assert.match(o, /^gaps\.md {2}Bright Bakery · \d+%/m);
      assert.match(o, /^\s+\d+:\d+\s+error\s+Missing required section "Billing & Invoicing"/m);
      assert.match(o, /problems \(\d+ errors, \d+ warnings, \d+ info\) in 2 playbooks · average completeness \d+%/);
      assert.doesNotMatch(o, /\u001b\[/);
    } },
  { name: 'a folder with no playbooks says so and why, exit 0', args: ['--no-cache'], cwd: 'no-playbooks', exitCode: 0,
    stdout: (o) => { assert.match(o, /^No playbooks found\.$/m); assert.match(o, /"client" key/); assert.doesNotMatch(o, /average completeness/); } },
  { name: 'with no playbooks, json is an empty array', args: json, cwd: 'no-playbooks', exitCode: 0, stdout: (o) => assert.deepEqual(JSON.parse(o), []) },
  { name: 'messages in Korean with --locale ko', args: [...json, '--locale', 'ko', 'gaps.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.ok(JSON.parse(o)[0].findings.some((f: { message: string }) => /필수 섹션/.test(f.message))) },
  { name: 'the locale comes from LANG', args: [...json, 'gaps.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.ok(JSON.parse(o)[0].findings.some((f: { message: string }) => /필수 섹션/.test(f.message))) },
  { name: '--quiet keeps errors only', args: [...json, '--quiet', 'gaps.md'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.ok(JSON.parse(o)[0].findings.every((f: { severity: string }) => f.severity === 'error')) },
  { name: 'worker threads give the same results as one thread', args: [...json, '--workers', '2', '.'], cwd: 'basic', exitCode: 1,
    stdout: (o) => assert.deepEqual(files(o), ['acme.md', 'gaps.md', 'new.md']) },
];

describe('CLI (bin/playbook-lint.js)', function () {
  this.timeout(60000);
  for (const c of cases) {
    it(c.name, async () => {
      const env = c.name.includes('LANG') ? { LANG: 'ko_KR.UTF-8' } : {};
      const r = await run(c.args, join(fixtures, c.cwd), env);
      assert.equal(r.code, c.exitCode, `exit code; stderr: ${r.stderr}`);
      c.stdout?.(r.stdout);
      if (c.stderr) assert.match(r.stderr, c.stderr);
    });
  }

  it('lints the same files with and without worker threads, with identical output in every format', async () => {
    // Workers send each file's finished output, not its result objects: every format must still
    // print what one thread prints (the tasks folder's markdown report lists ticked and overdue tasks).
    for (const dir of ['basic', 'tasks']) {
      for (const format of ['json', 'stylish', 'sarif', 'github', 'markdown', 'html']) {
        const args = ['--no-cache', '--today', TODAY, '--format', format, '.'];
        const a = await run([...args, '--workers', '0'], join(fixtures, dir));
        const b = await run([...args, '--workers', '2'], join(fixtures, dir));
        assert.ok(a.stdout.length > 100, `${dir} ${format}: ${a.stderr}`);
        assert.equal(b.stdout, a.stdout, `${dir} ${format}`);
        assert.equal(b.code, a.code, `${dir} ${format}`);
      }
      if (dir === 'tasks') {
        const a = await run(['tasks', '--today', TODAY, '--format', 'json', '.'], join(fixtures, dir));
        assert.ok(JSON.parse(a.stdout).length > 0, 'the tasks command lists the tasks the workers sent back');
      }
    }
  });

  it('stops quietly when the reader closes the pipe early (| head)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbl-pipe-'));
    try {
      // Far more JSON than a pipe holds: the write after the reader has gone fails with EPIPE.
      writeFileSync(join(dir, 'big.md'), `---\nclient: Pipe Co\n---\n\n${'As per my last email, we will leverage synergies going forward.\n\n'.repeat(3000)}`);
      const child = spawn(process.execPath, [bin, '--no-cache', '--format', 'json', '.'], { cwd: dir, env: { ...process.env, LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      let stderr = '';
      child.stderr.on('data', (d: Buffer) => { stderr += d.toString(); });
      child.stdout.once('data', () => child.stdout.destroy());
      const code = await new Promise<number | null>((resolve) => child.on('close', (c) => resolve(c)));
      assert.doesNotMatch(stderr, /EPIPE|Error|at /, stderr);
      assert.notEqual(code, null, 'exited, not killed');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('gives up a file over its time budget, reports it naming the budget, lints the others and caches nothing for it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pbl-slow-'));
    try {
      cpSync(join(fixtures, 'basic', 'acme.md'), join(dir, 'acme.md'));
      // No guard refuses it, and it is as slow as the guards let a file be: 42,000 short lines
      // ending in a lone CR, so parsed whole, not a segment at a time (segments.ts). The parse-cost
      // guard estimates them at 1.4 s, under its 1.5 s limit; about 1 s of CPU, more than twice a
      // budget of 0.35 s (0.4 s for its size). A fresh worker, warmed up before its first file
      // (warm-up.ts), lints acme.md in 20-40 ms (100-250 ms before the warm-up, on a busy
      // machine). (Before the parse-cost guard, 300,000 empty headings took six seconds.)
      // It sorts first, so the one worker holds acme.md queued behind it: that file must go to a fresh worker.
      writeFileSync(join(dir, '0-slow.md'), `---\nclient: Slow Co\n---\n\n${'a\r'.repeat(42_000)}`);
      const base = ['--format', 'json', '--today', TODAY, '--cache-location', join(dir, '.cache'), '.'];
      // The environment variable, then the flag (which wins over it).
      for (const [attempt, args, env] of [[1, base, { PLAYBOOK_LINT_FILE_TIMEOUT_MS: '350' }], [2, ['--time-budget', '0.35', ...base], { PLAYBOOK_LINT_FILE_TIMEOUT_MS: '999999' }]] as const) {
        const r = await run([...args], dir, env);
        assert.equal(r.code, 1, r.stderr);
        const by = Object.fromEntries((JSON.parse(r.stdout) as Array<{ file: string; findings: Array<{ ruleId: string; message: string }> }>).map((x) => [x.file, x.findings]));
        assert.deepEqual(by['acme.md'], [], `attempt ${attempt}`);
        assert.deepEqual(by['0-slow.md']!.map((f) => f.ruleId), ['file-unreadable'], `attempt ${attempt}`);
        assert.match(by['0-slow.md']![0]!.message, /took longer than its time budget of 0\.4 s.*--time-budget \(or PLAYBOOK_LINT_FILE_TIMEOUT_MS\)/);
      }
      const index = IndexFile.parse(readFileSync(join(dir, '.cache', CACHE_FILE)), TOOL_VERSION)!;
      const dataFile = join(dir, '.cache', index.data!);
      const data = new CacheData(dataFile, statSync(dataFile).size);
      const cached = (name: string) => [...index.records].some(([path, r]) => path.endsWith(`/${name}`) && index.output(r, data));
      assert.ok([...index.records.keys()].some((path) => path.endsWith('/0-slow.md')), 'the file given up is in the index');
      assert.equal(cached('0-slow.md'), false, 'a file given up is tried again next time');
      assert.ok(cached('acme.md'), 'the other file is cached');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('refuses a bad --time-budget with exit 2', async () => {
    const r = await run(['--time-budget', 'soon', '.'], join(fixtures, 'basic'));
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--time-budget takes seconds/);
  });

  describe('new, init, --fix and the cache', () => {
    let dir: string;
    beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pbl-cli-')); });
    afterEach(() => rmSync(dir, { recursive: true, force: true }));

    it('new writes a playbook whose findings are only its to-do list', async () => {
      const made = await run(['new', 'Acme "Outdoor" Co.', '--out', 'clients/acme.md', '--start', '2026-01-05', '--owner', 'Dana Lee'], dir);
      assert.equal(made.code, 0, made.stderr);
      const text = readFileSync(join(dir, 'clients/acme.md'), 'utf8');
      assert.match(text, /^client: "Acme \\"Outdoor\\" Co\."$/m);
      assert.match(text, /^start_date: "?2026-01-05"?$/m);
      const r = await run([...json, 'clients/acme.md'], dir);
      const [result] = JSON.parse(r.stdout);
      assert.equal(result.client, 'Acme "Outdoor" Co.');
      const rules = new Set(result.findings.map((f: { ruleId: string }) => f.ruleId));
      assert.deepEqual([...rules].sort(), ['empty-section', 'frontmatter-schema']);
      for (const f of result.findings.filter((x: { ruleId: string }) => x.ruleId === 'frontmatter-schema')) {
        assert.match(f.message, /contact/);
      }
    });

    it('new --lang ko writes the Korean template', async () => {
      const made = await run(['new', '한빛 화장품', '--lang', 'ko', '--start', '2026-02-01'], dir);
      assert.equal(made.code, 0, made.stderr);
      const r = await run([...json, '.'], dir);
      const [result] = JSON.parse(r.stdout);
      assert.equal(result.client, '한빛 화장품');
      assert.ok(result.findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'empty-section' && /환영 및 킥오프/.test(f.message)));
      assert.ok(!result.findings.some((f: { ruleId: string }) => f.ruleId === 'required-section'));
    });

    it('new refuses to overwrite', async () => {
      writeFileSync(join(dir, 'x.md'), 'keep');
      const r = await run(['new', 'X', '--out', 'x.md'], dir);
      assert.equal(r.code, 2);
      assert.equal(readFileSync(join(dir, 'x.md'), 'utf8'), 'keep');
    });

    it('init writes a config that the linter accepts', async () => {
      assert.equal((await run(['init'], dir)).code, 0);
      assert.ok(existsSync(join(dir, '.playbook-lint.jsonc')));
      cpSync(join(fixtures, 'basic/acme.md'), join(dir, 'acme.md'));
      const r = await run(json, dir);
      assert.equal(r.code, 0, r.stderr);
      assert.equal((await run(['init'], dir)).code, 2);
    });

    it('--fix applies fixes in place, keeping BOM and CRLF, and leaves non-UTF-8 files alone', async () => {
      const lf = readFileSync(join(fixtures, 'basic/gaps.md'), 'utf8');
      const crlf = `\uFEFF${lf.replace(/\n/g, '\r\n')}`;
      writeFileSync(join(dir, 'gaps.md'), crlf);
      const latin1 = readFileSync(join(fixtures, 'unreadable/latin1.md'));
      writeFileSync(join(dir, 'latin1.md'), latin1);
      const r = await run([...json, '--fix', 'gaps.md', 'latin1.md'], dir);
      assert.equal(r.code, 1);
      const fixed = readFileSync(join(dir, 'gaps.md'), 'utf8');
      assert.ok(fixed.startsWith('\uFEFF'));
      assert.ok(!/[^\r]\n/.test(fixed), 'every line ending is still CRLF');
      assert.doesNotMatch(fixed, /To be honest/);
      assert.match(fixed, /\r\n## Billing & Invoicing\r\n/);
      assert.match(fixed, /^backup_contact: /m);
      assert.deepEqual(readFileSync(join(dir, 'latin1.md')), latin1);
      const after = JSON.parse(r.stdout).find((x: { file: string }) => x.file === 'gaps.md');
      assert.ok(!after.findings.some((f: { fixable: boolean }) => f.fixable), 'fixed findings are gone from the report');
      // Fixing again changes nothing.
      await run([...json, '--fix', 'gaps.md'], dir);
      assert.equal(readFileSync(join(dir, 'gaps.md'), 'utf8'), fixed);
    });

    it('a warm run reuses the cache and gives the same output', async () => {
      cpSync(join(fixtures, 'basic'), join(dir, 'repo'), { recursive: true });
      const cache = join(dir, 'cache');
      const args = ['--format', 'json', '--today', TODAY, '--cache-location', cache, '.'];
      const cold = await run(args, join(dir, 'repo'));
      assert.ok(existsSync(join(cache, CACHE_FILE)));
      const warm = await run(args, join(dir, 'repo'));
      assert.equal(warm.stdout, cold.stdout);
      // A same-size edit right after the run (same size, a fresh mtime) is seen: racily clean files are re-read.
      const gaps = join(dir, 'repo/gaps.md');
      writeFileSync(gaps, readFileSync(gaps, 'utf8').replace('To be honest', 'To be HONEST'));
      const sameSize = JSON.parse((await run(args, join(dir, 'repo'))).stdout);
      assert.ok(sameSize[1].findings.some((f: { ruleId: string; message: string }) => f.ruleId === 'banned-phrase' && f.message.includes('To be HONEST')));
      // A changed file is linted again.
      writeFileSync(join(dir, 'repo/acme.md'), readFileSync(join(dir, 'repo/acme.md'), 'utf8').replace('## Billing & Invoicing', '## Money'));
      const changed = JSON.parse((await run(args, join(dir, 'repo'))).stdout);
      assert.ok(changed[0].findings.some((f: { ruleId: string }) => f.ruleId === 'required-section'));
    });

    it('a warm run prints the cached bytes unchanged: to a file (copied from the cache data file) and to a pipe, Korean included', async () => {
      cpSync(join(fixtures, 'basic'), join(dir, 'repo'), { recursive: true });
      cpSync(join(fixtures, 'tasks/hanul.md'), join(dir, 'repo/hanul.md'));
      const cache = join(dir, 'cache');
      const args = ['--format', 'json', '--today', TODAY, '--cache-location', cache, '.'];
      const cold = await run(args, join(dir, 'repo'));
      assert.match(cold.stdout, /[\uAC00-\uD7A3]/, 'the report holds Korean text');
      for (let i = 0; i < 2; i++) {
        const out = join(dir, `warm-${i}.json`);
        const fd = openSync(out, 'w');
        const code = await new Promise<number | null>((resolve) => {
          const child = spawn(process.execPath, [bin, ...args], { cwd: join(dir, 'repo'), env: { ...process.env, LANG: 'C', NO_COLOR: '1' }, stdio: ['ignore', fd, 'ignore'] });
          child.on('close', resolve);
        });
        closeSync(fd);
        assert.equal(code, cold.code);
        assert.equal(readFileSync(out, 'utf8'), cold.stdout, `run ${i + 2} to a file`);
        assert.equal((await run(args, join(dir, 'repo'))).stdout, cold.stdout, `run ${i + 2} to a pipe`);
      }
    });

    it('a damaged cache data file is reported (exit 2), never printed as a report', async () => {
      cpSync(join(fixtures, 'basic'), join(dir, 'repo'), { recursive: true });
      const cache = join(dir, 'cache');
      const args = ['--format', 'json', '--today', TODAY, '--cache-location', cache, '.'];
      await run(args, join(dir, 'repo'));
      const data = readdirSync(cache).find((f) => f.endsWith('.jsonl'))!;
      // Same length, so the index's offsets still fit: each row's `{"` becomes `{X`.
      writeFileSync(join(cache, data), readFileSync(join(cache, data), 'utf8').replace(/^\{"/gm, '{X'));
      const toFile = join(dir, 'out.json');
      const fd = openSync(toFile, 'w');
      const code = await new Promise<number | null>((resolve) => {
        const child = spawn(process.execPath, [bin, ...args], { cwd: join(dir, 'repo'), stdio: ['ignore', fd, 'ignore'] });
        child.on('close', resolve);
      });
      closeSync(fd);
      assert.equal(code, 2);
      assert.doesNotMatch(readFileSync(toFile, 'utf8'), /\{X/);
      const piped = await run(args, join(dir, 'repo'));
      assert.equal(piped.code, 2);
      assert.match(piped.stderr, /damaged entry/);
    });
  });
});
