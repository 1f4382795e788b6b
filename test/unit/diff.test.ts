// `playbook-lint diff` on real repositories: a base branch with several playbooks and
// a README, a PR branch that completes one client, breaks another, adds, renames and
// deletes playbooks and edits the README; the working tree; --config-from base.
import assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { runDiff } from '../../src/cli/commands/diff.js';
import { formatGithub } from '../../src/cli/formatters/github.js';
import { formatDiffMarkdown, formatMarkdown, STICKY_MARKER } from '../../src/cli/formatters/markdown.js';
import type { DiffReport } from '../../src/node/diff-report.js';
import { lintPaths } from '../../src/node/lint-files.js';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';
import {
  buildPrRepo, commitAll, FIXTURES, fixture, git, initRepo, removeDir, runBin, tempDir, TODAY, write, type PrRepo,
} from '../fixtures/diff/repo.js';

interface JsonFinding { ruleId: string; severity: string; message: string; line: number; column: number; endLine: number; endColumn: number; fixable: boolean; section: string | null; key: string }
interface JsonSide { score: number; errors: number; warnings: number }
interface JsonFile { file: string; previousFile: string | null; status: string; client: string | null; before: JsonSide | null; after: JsonSide | null; newFindings: JsonFinding[]; fixedFindings: JsonFinding[] }
interface JsonReport { base: string; head: string; files: JsonFile[] }

async function diff(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runDiff([...args, '--today', TODAY], {
    cwd, env: { ...process.env, LANG: 'C', GITHUB_STEP_SUMMARY: '', GITHUB_SERVER_URL: '', GITHUB_REPOSITORY: '', ...env },
    stdout: (s) => { stdout += s; }, stderr: (s) => { stderr += s; },
  });
  return { code, stdout, stderr };
}

const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
const lintFixture = (path: string) => linter.lint(fixture(path), { today: TODAY });
const keys = (findings: Array<{ key: string }>) => findings.map((f) => f.key).sort();

describe('playbook-lint diff', function () {
  this.timeout(60_000);
  let repo: PrRepo;
  let dir: string;
  let report: JsonReport;
  const byFile = (file: string) => {
    const f = report.files.find((x) => x.file === file);
    assert.ok(f, `${file} is in the report`);
    return f;
  };

  before(async () => {
    dir = tempDir('diff');
    repo = buildPrRepo(join(dir, 'repo'));
    const r = await diff(['--base', 'main', '--head', 'pr', '--format', 'json'], repo.dir);
    assert.equal(r.stderr, '');
    report = JSON.parse(r.stdout) as JsonReport;
  });
  after(() => removeDir(dir));

  describe('--format json', () => {
    it('compares the merge base with the head commit', () => {
      assert.equal(report.base, repo.main);
      assert.equal(report.head, repo.pr);
      assert.deepEqual(Object.keys(report), ['base', 'head', 'files']);
    });

    // git pairs umbrella (deleted) with hooli (added) as a rename, since both come from one
    // template; a rename to another client is reported as a deletion and an addition.
    it('lists only the changed playbooks, sorted, with their statuses (README absent)', () => {
      assert.deepEqual(report.files.map((f) => [f.file, f.status, f.previousFile]), [
        ['clients/acme.md', 'modified', null],
        ['clients/globex.md', 'modified', null],
        ['clients/hooli.md', 'added', null],
        ['clients/initech-corp.md', 'renamed', 'clients/initech.md'],
        ['clients/umbrella.md', 'deleted', null],
      ]);
      assert.ok(!report.files.some((f) => /readme/i.test(f.file)));
      for (const f of report.files) {
        assert.deepEqual(Object.keys(f), ['file', 'previousFile', 'status', 'client', 'before', 'after', 'newFindings', 'fixedFindings', 'tasks']);
      }
    });

    it('gives completeness before and after, from the same engine as the plain lint', () => {
      const side = (path: string) => {
        const r = lintFixture(path);
        return { score: r.completeness.score, errors: r.findings.filter((f) => f.severity === 'error').length,
          warnings: r.findings.filter((f) => f.severity === 'warning').length };
      };
      assert.deepEqual(byFile('clients/acme.md').before, side('base/clients/acme.md'));
      assert.deepEqual(byFile('clients/acme.md').after, side('head/clients/acme.md'));
      assert.deepEqual(byFile('clients/globex.md').before, side('base/clients/globex.md'));
      assert.deepEqual(byFile('clients/globex.md').after, side('head/clients/globex.md'));
      assert.equal(byFile('clients/hooli.md').before, null);
      assert.deepEqual(byFile('clients/hooli.md').after, side('head/clients/hooli.md'));
      assert.deepEqual(byFile('clients/initech-corp.md').before, side('base/clients/initech.md'));
      assert.deepEqual(byFile('clients/umbrella.md').before, side('base/clients/umbrella.md'));
      assert.equal(byFile('clients/umbrella.md').after, null);
    });

    it('completing a client: more complete, its problems fixed, nothing new', () => {
      const acme = byFile('clients/acme.md');
      assert.equal(acme.client, 'Acme Outdoor Co.');
      assert.ok(acme.after!.score > acme.before!.score);
      assert.equal(acme.after!.score, 100);
      assert.deepEqual(acme.newFindings, []);
      assert.deepEqual(keys(acme.fixedFindings), keys(lintFixture('base/clients/acme.md').findings));
      assert.ok(acme.fixedFindings.some((f) => f.key === 'required-section:-:billing'));
    });

    it('breaking a client: the deleted required section and the banned phrase are new', () => {
      const globex = byFile('clients/globex.md');
      assert.ok(globex.after!.score < globex.before!.score);
      assert.deepEqual(globex.newFindings.map((f) => [f.ruleId, f.severity, f.key]), [
        ['required-section', 'error', 'required-section:-:contacts'],
        ['banned-phrase', 'warning', 'banned-phrase:reporting:to be honest'],
      ]);
      assert.deepEqual(globex.fixedFindings, []);
      const contacts = globex.newFindings[0]!;
      assert.deepEqual(Object.keys(contacts), ['ruleId', 'severity', 'message', 'line', 'column', 'endLine', 'endColumn', 'fixable', 'section', 'key']);
      assert.match(contacts.message, /Contacts/);
    });

    it('a new client: every finding is new', () => {
      const hooli = byFile('clients/hooli.md');
      assert.equal(hooli.client, 'Hooli');
      assert.deepEqual(keys(hooli.newFindings), keys(lintFixture('head/clients/hooli.md').findings));
      assert.deepEqual(hooli.fixedFindings, []);
    });

    it('a renamed client is followed: findings matched by key, nothing new or fixed', () => {
      const initech = byFile('clients/initech-corp.md');
      assert.equal(initech.client, 'Initech');
      assert.deepEqual(initech.before, initech.after);
      assert.deepEqual(initech.newFindings, []);
      assert.deepEqual(initech.fixedFindings, []);
    });

    it('a deleted client: gone is not "fixed"', () => {
      const umbrella = byFile('clients/umbrella.md');
      assert.equal(umbrella.client, 'Umbrella Health');
      assert.deepEqual(umbrella.newFindings, []);
      assert.deepEqual(umbrella.fixedFindings, []);
    });

    it('moved text is not new: a branch that only shifts lines reports no new finding', async () => {
      const r = await diff(['--base', 'main', '--head', 'shift', '--format', 'json'], repo.dir);
      const shifted = JSON.parse(r.stdout) as JsonReport;
      assert.deepEqual(shifted.files.map((f) => [f.file, f.status]), [['clients/umbrella.md', 'modified']]);
      const f = shifted.files[0]!;
      assert.deepEqual(f.newFindings, []);
      assert.deepEqual(f.fixedFindings, []);
      assert.equal(f.after!.errors, 1);
    });

    it('paths limit the report', async () => {
      const r = await diff(['--base', 'main', '--head', 'pr', '--format', 'json', 'clients/globex.md', 'clients/hooli.md'], repo.dir);
      assert.deepEqual((JSON.parse(r.stdout) as JsonReport).files.map((f) => f.file), ['clients/globex.md', 'clients/hooli.md']);
      const inFolder = await diff(['--base', 'main', '--head', 'pr', '--format', 'json', '.'], join(repo.dir, 'clients'));
      assert.equal((JSON.parse(inFolder.stdout) as JsonReport).files.length, 5);
    });
  });

  describe('exit codes (through the real bin)', () => {
    it('--fail-on new (default): 1 when the head adds an error', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'pr', '--format', 'json', '--today', TODAY], repo.dir);
      assert.equal(r.code, 1, r.stderr);
      assert.equal((JSON.parse(r.stdout) as JsonReport).files.length, 5);
    });

    it('--fail-on new: 0 when the errors were already there', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'shift', '--fail-on', 'new', '--today', TODAY], repo.dir);
      assert.equal(r.code, 0, r.stderr);
    });

    it('--fail-on any: 1 for any error in a changed playbook', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'shift', '--fail-on', 'any', '--today', TODAY], repo.dir);
      assert.equal(r.code, 1, r.stderr);
      const pr = await runBin(['diff', '--base', 'main', '--head', 'pr', '--fail-on', 'any', '--today', TODAY], repo.dir);
      assert.equal(pr.code, 1, pr.stderr);
    });

    it('--fail-on any: 0 when the changed playbooks have no error', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'pr', '--fail-on', 'any', '--today', TODAY, 'clients/acme.md', 'clients/initech-corp.md'], repo.dir);
      assert.equal(r.code, 0, r.stderr);
    });

    it('2 for usage errors and bad refs, with the reason', async () => {
      const cases: Array<[string[], RegExp]> = [
        [['diff', '--head', 'pr'], /--base REF is required/],
        [['diff', '--base', 'main', '--format', 'xml'], /--format must be one of/],
        [['diff', '--base', 'main', '--fail-on', 'some'], /--fail-on must be one of/],
        [['diff', '--base', 'main', '--config-from', 'pr'], /--config-from must be one of/],
        [['diff', '--base', 'no-such-branch'], /--base "no-such-branch" does not name a commit/],
        [['diff', '--base', 'main', '--head', 'main~99'], /--head "main~99" does not name a commit/],
        [['diff', '--base', 'main', '--bogus'], /bogus/],
      ];
      for (const [args, message] of cases) {
        const r = await runBin(args, repo.dir);
        assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}${r.stderr}`);
        assert.match(r.stderr, message);
      }
    });

    it('2 outside a git repository', async () => {
      const outside = tempDir('norepo');
      try {
        const r = await runBin(['diff', '--base', 'main'], outside);
        assert.equal(r.code, 2);
        assert.match(r.stderr, /not inside a git repository/);
      } finally {
        removeDir(outside);
      }
    });
  });

  describe('--format markdown', () => {
    it('matches the snapshot (stable: sorted, no timestamps)', async () => {
      const r = await diff(['--base', 'main', '--head', 'pr', '--format', 'markdown'], repo.dir);
      assert.equal(r.code, 1);
      const expectedFile = join(FIXTURES, 'expected-pr.md');
      if (process.env['UPDATE_SNAPSHOTS'] === '1') writeFileSync(expectedFile, r.stdout);
      assert.ok(existsSync(expectedFile), 'snapshot missing: run with UPDATE_SNAPSHOTS=1 once and review it');
      assert.equal(r.stdout, readFileSync(expectedFile, 'utf8'));
      const again = await diff(['--base', 'main', '--head', 'pr', '--format', 'markdown'], repo.dir);
      assert.equal(again.stdout, r.stdout);
    });

    it('has the headline, the table, score bars and a <details> per playbook', async () => {
      const { stdout } = await diff(['--base', 'main', '--head', 'pr', '--format', 'markdown'], repo.dir);
      assert.ok(stdout.startsWith(`${STICKY_MARKER}\n`));
      assert.match(stdout, /\*\*5 playbooks changed: 1 more complete, 1 less complete, 1 unchanged, 1 new, 1 removed\*\*/);
      assert.match(stdout, /\| Client \| File \| Before \| After \| New problems \| Fixed \|/);
      assert.match(stdout, /🟢 ▰▰▰▰▰▰▰▰▰▰ 100%/);
      assert.equal((stdout.match(/<details>/g) ?? []).length, 4); // not for the deleted playbook
      assert.match(stdout, /`clients\/globex\.md:\d+` Missing required section "Contacts"/);
      assert.ok(!/README/.test(stdout));
      assert.ok(!/\d{2}:\d{2}:\d{2}/.test(stdout), 'no timestamps');
    });

    it('links file:line to the head commit on GitHub', async () => {
      const { stdout } = await diff(['--base', 'main', '--head', 'pr', '--format', 'markdown'], repo.dir,
        { GITHUB_SERVER_URL: 'https://github.com', GITHUB_REPOSITORY: 'agency/playbooks' });
      assert.match(stdout, new RegExp(`\\]\\(https://github\\.com/agency/playbooks/blob/${repo.pr}/clients/globex\\.md#L\\d+\\)`));
    });
  });

  describe('--format github', () => {
    it('prints an annotation per new finding and appends the summary to $GITHUB_STEP_SUMMARY', async () => {
      const summary = join(dir, 'summary.md');
      writeFileSync(summary, '# earlier step\n');
      const r = await diff(['--base', 'main', '--head', 'pr', '--format', 'github'], repo.dir, { GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.code, 1);
      const escape = (s: string) => s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
      const expected = report.files.flatMap((f) => f.newFindings.map((x) =>
        `::${x.severity === 'error' ? 'error' : x.severity === 'warning' ? 'warning' : 'notice'} file=${f.file},line=${x.line},col=${x.column},title=${x.ruleId}::${escape(x.message)}`));
      assert.ok(r.stdout.includes('+20%25 organic sessions'), 'a % in a message is escaped');
      assert.deepEqual(r.stdout.trimEnd().split('\n'), expected);
      const contacts = report.files.find((f) => f.file === 'clients/globex.md')!.newFindings[0]!;
      assert.ok(r.stdout.includes(`::error file=clients/globex.md,line=${contacts.line},col=${contacts.column},title=required-section::Missing required section "Contacts"`));
      // Findings that were already there or were fixed are not annotated.
      assert.ok(!r.stdout.includes('clients/acme.md'));
      assert.ok(!r.stdout.includes('clients/initech-corp.md'));
      const written = readFileSync(summary, 'utf8');
      assert.ok(written.startsWith('# earlier step\n'));
      assert.ok(written.includes(STICKY_MARKER));
      assert.match(written, /5 playbooks changed/);
    });
  });

  describe('working tree (no --head)', () => {
    let clone: string;
    before(() => {
      clone = join(dir, 'clone');
      git(dir, ['clone', '-q', '--branch', 'pr', repo.dir, clone]);
      git(clone, ['config', 'user.name', 'Playbook Lint Tests']);
      git(clone, ['config', 'user.email', 'tests@playbook-lint.invalid']);
      // Unstaged: acme loses its goals; staged: a new client; untracked: another; README edited.
      write(clone, 'clients/acme.md', fixture('head/clients/acme.md').replace(/## Goals & Success Metrics\n\n[\s\S]*?\n\n(?=## )/, ''));
      write(clone, 'clients/stark.md', fixture('head/clients/hooli.md').replace(/Hooli/g, 'Stark'));
      git(clone, ['add', 'clients/stark.md']);
      write(clone, 'clients/wayne.md', fixture('head/clients/hooli.md').replace(/Hooli/g, 'Wayne'));
      write(clone, 'notes/todo.md', '# Todo\n\nNot a playbook.\n');
    });

    it('includes uncommitted edits, staged and untracked playbooks, compared with origin/main', async () => {
      const status = git(clone, ['status', '--porcelain']);
      const r = await diff(['--base', 'origin/main', '--format', 'json'], clone);
      assert.equal(r.stderr, '');
      const wt = JSON.parse(r.stdout) as JsonReport;
      assert.equal(wt.head, 'worktree');
      assert.equal(wt.base, repo.main);
      assert.deepEqual(wt.files.map((f) => [f.file, f.status]), [
        ['clients/acme.md', 'modified'],
        ['clients/globex.md', 'modified'],
        ['clients/hooli.md', 'added'],
        ['clients/initech-corp.md', 'renamed'],
        ['clients/stark.md', 'added'],
        ['clients/umbrella.md', 'deleted'],
        ['clients/wayne.md', 'added'],
      ]);
      const acme = wt.files[0]!;
      assert.ok(acme.newFindings.some((f) => f.key === 'required-section:-:goals' && f.severity === 'error'));
      assert.equal(r.code, 1);
      // Nothing in the checkout changed: no checkout, no index refresh, no files written.
      assert.equal(git(clone, ['status', '--porcelain']), status);
    });

    it('with --head HEAD, the same clone reports the committed PR only', async () => {
      const r = await diff(['--base', 'origin/main', '--head', 'HEAD', '--format', 'json'], clone);
      const committed = JSON.parse(r.stdout) as JsonReport;
      assert.equal(committed.head, repo.pr);
      assert.deepEqual(committed.files.map((f) => f.file), report.files.map((f) => f.file));
    });
  });

  describe('a PR that adds paid-social to a client without adding the section (issue #11)', () => {
    let svcDir: string;
    before(() => {
      svcDir = join(dir, 'services-repo');
      initRepo(svcDir);
      // Globex is complete on main, with SEO only.
      const globex = fixture('base/clients/globex.md');
      assert.match(globex, /^services: \[SEO, Paid search\]$/m);
      const seoOnly = globex.replace(/^services: .*\n/m, 'services: [SEO]\n').replace(/^ad_budget_monthly: .*\n/m, '')
        .replace(/## Ad Accounts & Access\n\n[^\n]*\n\n/, '');
      write(svcDir, 'clients/globex.md', seoOnly);
      commitAll(svcDir, 'Globex, SEO');
      git(svcDir, ['checkout', '-q', '-b', 'paid-social']);
      write(svcDir, 'clients/globex.md', seoOnly.replace('services: [SEO]', 'services: [SEO, Facebook Ads]'));
      commitAll(svcDir, 'Globex buys Facebook ads', '2026-01-06T09:00:00Z');
    });

    it('json: the score drops and the two new requirements are new findings, with the reason', async () => {
      const r = await diff(['--base', 'main', '--head', 'paid-social', '--format', 'json'], svcDir);
      assert.equal(r.code, 1, r.stderr);
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.equal(f.file, 'clients/globex.md');
      assert.ok(f.after!.score < f.before!.score, `${f.before!.score} -> ${f.after!.score}`);
      assert.deepEqual(f.newFindings.map((x) => [x.ruleId, x.severity, x.key]), [
        ['frontmatter-schema', 'error', 'frontmatter-schema:-:missing:ad_budget_monthly'],
        ['required-section', 'error', 'required-section:-:ad-accounts'],
      ]);
      for (const x of f.newFindings) assert.match(x.message, /required because `services` includes `paid-social`/);
      assert.deepEqual(f.fixedFindings, []);
    });

    it('markdown: the drop and the new finding are in the PR comment', async () => {
      const { stdout } = await diff(['--base', 'main', '--head', 'paid-social', '--format', 'markdown'], svcDir);
      assert.match(stdout, /\*\*1 playbook changed: 1 less complete\*\*/);
      assert.match(stdout, /100% → 93% · 2 new problems \(2 errors\)/);
      assert.match(stdout, /⬇️ -\d+/);
      assert.match(stdout, /Missing required section "Ad Accounts &amp; Access", required because \\?`services\\?` includes \\?`paid-social\\?`/);
      assert.match(stdout, /Section: Ad Accounts &amp; Access \(line \d+\)/);
    });
  });

  describe('the time budget (both sides of a PR)', () => {
    let slowDir: string;
    // No guard refuses it, so it is parsed, and it is as slow as the guards let a file be: 42,000
    // short lines ending in a lone CR, so parsed whole (segments.ts): estimated at 1.4 s against the
    // parse-cost guard's 1.5 s, about 1 s of CPU, more than twice a budget of 0.35 s (0.4 s for its
    // size). (300,000 empty headings, six seconds of CPU, served until the parse-cost guard
    // refused them.)
    const slow = `---\nclient: Slow Co\n---\n\n${'a\r'.repeat(42_000)}`;
    before(() => {
      slowDir = join(dir, 'slow-repo');
      initRepo(slowDir);
      write(slowDir, 'clients/globex.md', fixture('base/clients/globex.md'));
      write(slowDir, 'clients/slow.md', '---\nclient: Slow Co\n---\n\n- a\n');
      commitAll(slowDir, 'Base');
      git(slowDir, ['checkout', '-q', '-b', 'pr']);
      write(slowDir, 'clients/globex.md', `${fixture('base/clients/globex.md')}\nFrankly, we are late.\n`);
      write(slowDir, 'clients/slow.md', slow);
      commitAll(slowDir, 'PR', '2026-01-06T09:00:00Z');
    });

    it('a file over the budget gets one file-unreadable finding naming it; the other files are reported', async () => {
      const r = await diff(['--base', 'main', '--head', 'pr', '--format', 'json', '--time-budget', '0.35'], slowDir);
      assert.equal(r.stderr, '');
      const files = (JSON.parse(r.stdout) as JsonReport).files;
      // The PR made the file slow: its one finding is new.
      const slowFile = files.find((f) => f.file === 'clients/slow.md')!;
      assert.deepEqual(slowFile.newFindings.map((f) => f.ruleId), ['file-unreadable']);
      assert.match(slowFile.newFindings[0]!.message, /time budget of 0\.4 s.*--time-budget/);
      const globex = files.find((f) => f.file === 'clients/globex.md')!;
      assert.ok(globex.newFindings.some((f) => f.ruleId === 'banned-phrase'), JSON.stringify(globex.newFindings.map((f) => f.ruleId)));
    });

    it('refuses a bad --time-budget with exit 2', async () => {
      const r = await diff(['--base', 'main', '--head', 'pr', '--time-budget', '0'], slowDir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, /--time-budget takes seconds/);
    });
  });

  describe('--config-from base (a PR cannot relax its own checks)', () => {
    let cfgDir: string;
    before(() => {
      cfgDir = join(dir, 'config-repo');
      initRepo(cfgDir);
      write(cfgDir, '.playbook-lint.jsonc', '// Our profile\n{ "profile": "profiles/creative.json" }\n');
      const profile = JSON.parse(readFileSync(join(FIXTURES, 'config/creative.profile.json'), 'utf8')) as Record<string, unknown>;
      write(cfgDir, 'profiles/creative.json', `${JSON.stringify(profile, null, 2)}\n`);
      const globex = fixture('base/clients/globex.md');
      const withBrief = globex.replace('## Follow-ups\n', '## Creative Brief\n\nAudience: operations leads. Message: fewer outages. Hank approves every creative.\n\n## Follow-ups\n');
      write(cfgDir, 'clients/globex.md', withBrief);
      commitAll(cfgDir, 'Creative profile');
      git(cfgDir, ['checkout', '-q', '-b', 'relax']);
      // The PR deletes the required section and, in the same PR, the requirement.
      write(cfgDir, 'clients/globex.md', globex);
      const relaxed = structuredClone(profile) as { properties: { sections: { required: string[]; properties: Record<string, unknown> } } };
      relaxed.properties.sections.required = [];
      delete relaxed.properties.sections.properties['creative-brief'];
      write(cfgDir, 'profiles/creative.json', `${JSON.stringify(relaxed, null, 2)}\n`);
      commitAll(cfgDir, 'Drop the creative brief', '2026-01-06T09:00:00Z');
    });

    it('with the head config the relaxed schema lets it pass', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'relax', '--config-from', 'head', '--format', 'json', '--today', TODAY], cfgDir);
      assert.equal(r.code, 0, r.stderr);
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.deepEqual(f.newFindings, []);
    });

    it('with the base config it still fails: the requirement comes from the base commit', async () => {
      const r = await runBin(['diff', '--base', 'main', '--head', 'relax', '--config-from', 'base', '--format', 'json', '--today', TODAY], cfgDir);
      assert.equal(r.code, 1, r.stderr);
      const f = (JSON.parse(r.stdout) as JsonReport).files[0]!;
      assert.equal(f.file, 'clients/globex.md');
      assert.deepEqual(f.newFindings.map((x) => [x.ruleId, x.severity, x.key]), [['required-section', 'error', 'required-section:-:creative-brief']]);
      assert.ok(f.after!.score < f.before!.score);
    });

    it('a broken config is a usage error (2) that names the file', async () => {
      git(cfgDir, ['checkout', '-q', '-b', 'bad-config', 'main']);
      write(cfgDir, '.playbook-lint.jsonc', '{ "profile": 42 }\n');
      commitAll(cfgDir, 'Break the config', '2026-01-08T09:00:00Z');
      const r = await runBin(['diff', '--base', 'main', '--head', 'bad-config', '--config-from', 'head'], cfgDir);
      // No playbook changed on that branch, so nothing needed the config; a playbook edit does.
      assert.equal(r.code, 0, r.stderr);
      write(cfgDir, 'clients/globex.md', `${fixture('base/clients/globex.md')}\n`);
      commitAll(cfgDir, 'Touch a playbook', '2026-01-09T09:00:00Z');
      const r2 = await runBin(['diff', '--base', 'main', '--head', 'bad-config', '--config-from', 'head'], cfgDir);
      assert.equal(r2.code, 2);
      assert.match(r2.stderr, /\.playbook-lint\.jsonc/);
      const r3 = await runBin(['diff', '--base', 'main', '--head', 'bad-config', '--config-from', 'base', '--today', TODAY], cfgDir);
      assert.notEqual(r3.code, 2, r3.stderr);
    });
  });

  describe('which files are playbooks', () => {
    it('config globs decide when present (relative to the config folder); else a client key on either side', async () => {
      const d = join(dir, 'globs');
      initRepo(d);
      write(d, 'team/.playbook-lint.jsonc', '{ "playbooks": ["clients/**/*.md"] }\n');
      write(d, 'team/clients/a.md', '# A\n\nNo frontmatter yet.\n');
      write(d, 'team/other/b.md', fixture('base/clients/globex.md'));
      write(d, 'loose/c.md', fixture('base/clients/initech.md'));
      write(d, 'loose/notes.md', '# Notes\n');
      commitAll(d, 'start');
      write(d, 'team/clients/a.md', '# A\n\nStill no frontmatter.\n');
      write(d, 'team/other/b.md', `${fixture('base/clients/globex.md')}\nMore.\n`);
      write(d, 'loose/c.md', '# C\n\nThe frontmatter is gone.\n');
      write(d, 'loose/notes.md', '# Notes\n\nMore notes.\n');
      const r = await diff(['--base', 'HEAD', '--format', 'json'], d);
      const files = (JSON.parse(r.stdout) as JsonReport).files.map((f) => f.file);
      // a.md: selected by the glob; b.md: outside the globs; c.md: had a client key in the base; notes.md: never a playbook.
      assert.deepEqual(files, ['loose/c.md', 'team/clients/a.md']);
    });
  });

  describe('Markdown and annotations are safe and localised', () => {
    const hostile: DiffReport = {
      base: 'a'.repeat(40), head: 'b'.repeat(40), baseRef: 'main', headRef: 'pr', configFrom: 'base', root: '/r',
      files: [{
        file: 'clients/x|y.md', previousFile: null, status: 'added', client: 'Evil | <img src=x onerror=alert(1)> **Co**', lang: 'en',
        before: null, after: { score: 40, errors: 1, warnings: 0 }, fixedFindings: [], missing: [],
        newFindings: [{ ruleId: 'banned-phrase', severity: 'error', message: 'Line one\nline two with `code` and <script>', line: 3, column: 1,
          endLine: 3, endColumn: 5, fixable: false, section: null, key: 'k', url: '' }],
        findings: [],
        tasks: { ticked: [], overdue: [{ line: 9, kind: 'task', text: 'Pay | <img src=x onerror=alert(1)> **now**', owners: ['evil<b>'], due: '2026-01-01', done: false, overdue: true }] },
      }],
    };

    it('escapes table cells, HTML and newlines from playbook text', () => {
      const md = formatDiffMarkdown(hostile);
      assert.ok(!md.includes('<img'));
      assert.ok(!md.includes('<script>'));
      const row = md.split('\n').find((l) => l.includes('x|y.md') && l.startsWith('| Evil'))!;
      assert.ok(row, md);
      // Every unescaped pipe is a column border: 7 for 6 columns.
      assert.equal(row.replace(/\\\|/g, '').replace(/`[^`]*`/g, '').split('|').length - 1, 7, row);
      assert.match(md, /🔴 ▰▰▰▰▱▱▱▱▱▱ 40%/);
      assert.ok(md.includes('Line one line two'));
      assert.ok(md.includes('**Overdue tasks and check-ins**'), md);
      assert.ok(md.includes('- ⏰ Pay \\| '), md);
    });

    it('is Korean with --locale ko', async () => {
      const { stdout } = await diff(['--base', 'main', '--head', 'pr', '--format', 'markdown', '--locale', 'ko'], repo.dir);
      assert.match(stdout, /플레이북 5개 변경: 1개 더 완성됨, 1개 덜 완성됨, 1개 변화 없음, 1개 새로 추가, 1개 삭제/);
      assert.match(stdout, /\| 고객사 \| 파일 \| 이전 \| 이후 \| 새 문제 \| 해결 \|/);
    });

    it('plain lint: --format github annotates every finding, --format markdown summarises every playbook', async () => {
      const cwd = join(FIXTURES, 'head');
      const results = await lintPaths(['clients'], { cwd, locale: 'en', today: TODAY, cacheDir: null, workers: 0 });
      const ctx = { cwd, color: false, locale: 'en' as const };
      const lines = formatGithub(results, ctx).trimEnd().split('\n');
      assert.equal(lines.length, results.reduce((n, r) => n + r.findings.length, 0));
      assert.ok(lines.every((l) => /^::(error|warning|notice) file=clients\/[\w.-]+\.md,line=\d+,col=\d+,title=[a-z-]+::/.test(l)), lines.join('\n'));
      const md = formatMarkdown(results, ctx);
      assert.match(md, /\*\*4 playbooks: \d+ errors?, \d+ warnings?, average completeness \d+%\*\*/);
      for (const r of results) assert.ok(md.includes(`| ${r.client} | \`${r.file}\` |`), r.file);
      assert.equal((md.match(/<details>/g) ?? []).length, results.filter((r) => r.findings.length || r.completeness.missing.length).length);
    });
  });
});
