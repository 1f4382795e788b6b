// RELIABILITY.md rows 7 and 8: refs are data, never options; a repository's own
// config (fsmonitor, textconv, external diff) runs nothing during a PR report.
import assert from 'node:assert/strict';
import { chmodSync, existsSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { runDiff } from '../../src/cli/commands/diff.js';
import { checkRef, gitEnv as safeGitEnv, parseNameStatus, RefError, refProblem, SafeGit } from '../../src/node/git.js';
import { buildPrRepo, git, gitEnv, removeDir, runBin, tempDir, TODAY, write, type PrRepo } from '../fixtures/diff/repo.js';

const HOSTILE = ['--output=pwned.txt', '--upload-pack=touch x', '-c x=y', 'ext::sh -c touch% x'];

function listing(dir: string): string[] {
  const out: string[] = [];
  const walk = (d: string, prefix: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (e.name === '.git') continue;
      const rel = prefix ? `${prefix}/${e.name}` : e.name;
      out.push(rel);
      if (e.isDirectory()) walk(join(d, e.name), rel);
    }
  };
  walk(dir, '');
  return out.sort();
}

describe('git safety', function () {
  this.timeout(60_000);

  describe('ref checks in code', () => {
    it('accepts ordinary refs', () => {
      for (const ref of ['HEAD', 'HEAD~1', 'HEAD^', 'main^', 'main~3^2', 'origin/main', 'refs/heads/main', 'v1.2.0', 'feature/new-client_2',
        'HEAD@{1}', '0123456789abcdef0123456789abcdef01234567', 'abc1234']) {
        assert.equal(refProblem(ref), undefined, ref);
        assert.doesNotThrow(() => checkRef(ref));
      }
    });

    it('refuses options, transports, whitespace and control characters, saying why', () => {
      const cases: Array<[string, RegExp]> = [
        ['--output=pwned.txt', /starts with "-"/],
        ['--upload-pack=touch x', /whitespace|starts with "-"/],
        ['-c x=y', /whitespace|starts with "-"/],
        ['-cx=y', /starts with "-"/],
        ['ext::sh -c touch% x', /whitespace|::/],
        ['ext::sh', /::/],
        ['main\nHEAD', /control character/],
        ['main\u0000', /control character/],
        ['main\u001b[31m', /control character/],
        ['main\u00a0', /whitespace/],
        ['main\u2028', /whitespace/],
        ['', /empty/],
        ['a'.repeat(300), /longer than/],
      ];
      for (const [ref, why] of cases) {
        assert.match(refProblem(ref) ?? '', why, JSON.stringify(ref));
        assert.throws(() => checkRef(ref, '--base'), (e: unknown) => e instanceof RefError && e.ref === ref && /--base/.test(e.message));
      }
    });

    it('parses git name-status output with renames', () => {
      assert.deepEqual(parseNameStatus('M\0a.md\0R087\0old.md\0new.md\0A\0b c.md\0D\0gone.md\0T\0t.md\0'), [
        { status: 'modified', path: 'a.md' },
        { status: 'renamed', path: 'new.md', previousPath: 'old.md' },
        { status: 'added', path: 'b c.md' },
        { status: 'deleted', path: 'gone.md' },
        { status: 'modified', path: 't.md' },
      ]);
    });

    it('sets core.fsmonitor=false as command-line config, after any the caller had', () => {
      const env = safeGitEnv({ PATH: '/bin', GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'core.fsmonitor', GIT_CONFIG_VALUE_0: '/evil', GIT_EXTERNAL_DIFF: '/evil' });
      assert.equal(env['GIT_CONFIG_COUNT'], '2');
      assert.equal(env['GIT_CONFIG_KEY_1'], 'core.fsmonitor');
      assert.equal(env['GIT_CONFIG_VALUE_1'], 'false');
      assert.equal(env['GIT_OPTIONAL_LOCKS'], '0');
      assert.equal(env['GIT_EXTERNAL_DIFF'], undefined);
    });
  });

  describe('hostile refs through the CLI', () => {
    let dir: string;
    let repo: PrRepo;
    before(() => {
      dir = tempDir('refs');
      repo = buildPrRepo(join(dir, 'repo'));
    });
    after(() => removeDir(dir));

    for (const ref of HOSTILE) {
      it(`refuses ${JSON.stringify(ref)} as --base and --head with exit 2, before git runs, creating nothing`, async () => {
        const before = listing(repo.dir);
        for (const args of [[`--base=${ref}`], ['--base', 'main', `--head=${ref}`]]) {
          for (const format of ['json', 'markdown', 'sarif', 'github']) {
            const r = await runBin(['diff', ...args, '--format', format, '--today', TODAY], repo.dir);
            assert.equal(r.code, 2, `${args.join(' ')}: ${r.stdout}`);
            assert.equal(r.stdout, '');
            assert.ok(r.stderr.includes(JSON.stringify(ref)), r.stderr);
            assert.match(r.stderr, /refused/);
          }
        }
        // The two-argument form is refused by the option parser (a value may not look like an option).
        const split = await runBin(['diff', '--base', ref], repo.dir);
        assert.equal(split.code, 2);
        assert.deepEqual(listing(repo.dir), before);
        for (const f of ['pwned.txt', 'x', 'touch', '% x']) assert.ok(!existsSync(join(repo.dir, f)), f);
      });
    }

    it('refuses them in process too, with a reason naming the flag', async () => {
      for (const ref of HOSTILE) {
        let stderr = '';
        const code = await runDiff(['--base', 'main', `--head=${ref}`], { cwd: repo.dir, env: process.env, stdout: () => undefined, stderr: (s) => { stderr += s; } });
        assert.equal(code, 2);
        assert.match(stderr, new RegExp(`--head ${JSON.stringify(ref).replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} refused`));
      }
    });

    it('never resolves a refused ref, even through the library', async () => {
      const g = await SafeGit.open(repo.dir);
      for (const ref of HOSTILE) await assert.rejects(g.resolveCommit(ref), RefError);
      assert.equal(await g.resolveCommit('main'), repo.main);
      assert.equal(await g.resolveCommit('pr~1'), repo.main);
      assert.equal(await g.resolveCommit(repo.pr), repo.pr);
      // A tree or a blob is not a commit.
      const tree = git(repo.dir, ['rev-parse', 'main^{tree}']).trim();
      await assert.rejects(g.resolveCommit(tree), RefError);
      await assert.rejects(g.resolveCommit('main:README.md'), RefError);
    });
  });

  describe('a repository whose config would run programs', () => {
    let dir: string;
    let repoDir: string;
    let marker: string;
    before(() => {
      dir = tempDir('hostile');
      repoDir = join(dir, 'repo');
      buildPrRepo(repoDir);
      marker = join(dir, 'marker');
      const hook = join(dir, 'touch-marker.sh');
      write(dir, 'touch-marker.sh', `#!/bin/sh\ntouch '${marker}'\ncat "$1" 2>/dev/null\nexit 0\n`);
      chmodSync(hook, 0o755);
      git(repoDir, ['config', 'core.fsmonitor', hook]);
      git(repoDir, ['config', 'diff.evil.textconv', hook]);
      git(repoDir, ['config', 'diff.external', hook]);
      write(repoDir, '.gitattributes', '*.md diff=evil\n');
      // Uncommitted edits too, so the working-tree report has something to compare.
      write(repoDir, 'clients/acme.md', `${git(repoDir, ['show', 'pr:clients/acme.md'])}\nA new line.\n`);
    });
    after(() => removeDir(dir));

    it('the fixture is live: plain git runs the programs', () => {
      rmSync(marker, { force: true });
      git(repoDir, ['status', '--porcelain'], gitEnv());
      assert.ok(existsSync(marker), 'core.fsmonitor ran on git status');
      rmSync(marker, { force: true });
      git(repoDir, ['-c', 'core.fsmonitor=false', 'diff', '--no-ext-diff', 'main', 'pr', '--', 'clients/globex.md'], gitEnv());
      assert.ok(existsSync(marker), 'the textconv driver ran on git diff');
      rmSync(marker, { force: true });
    });

    it('no marker after PR reports in every format, committed and working tree', async function () {
      this.timeout(240_000); // 21 CLI runs: a hang cap for a busy machine, not a timing assertion
      rmSync(marker, { force: true });
      for (const head of [['--head', 'pr'], []]) {
        for (const format of ['json', 'markdown', 'sarif', 'github', 'stylish']) {
          for (const configFrom of ['base', 'head']) {
            const r = await runBin(['diff', '--base', 'main', ...head, '--format', format, '--config-from', configFrom, '--today', TODAY], repoDir,
              { GITHUB_STEP_SUMMARY: '' });
            assert.ok(r.code === 0 || r.code === 1, `${format} ${head.join(' ')}: ${r.stderr}`);
            assert.ok(!existsSync(marker), `a program ran: ${format} ${head.join(' ')} --config-from ${configFrom}`);
          }
        }
      }
      const r = await runBin(['diff', '--base', 'main', '--format', 'json', '--today', TODAY], repoDir);
      const files = (JSON.parse(r.stdout) as { files: Array<{ file: string }> }).files.map((f) => f.file);
      assert.ok(files.includes('clients/acme.md'));
      assert.ok(!existsSync(marker));
    });
  });
});
