// The credential guard (issue #9): the `secret` rule on a fixture of true positives (every
// token kind secretlint's recommended preset knows that a Markdown file can hold, English
// and Korean password lines, a frontmatter value, a code block, an HTML comment, an open
// task) and one of near-misses that must stay silent; its fix; and redaction: no output
// of `playbook-lint` or `playbook-lint diff`, in any format, nor the cache on disk, holds
// any of the fixture's secrets (their bytes are searched for).
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { applyFixes, bundledPacks, bundledProfile, createLinter, parsePack, ConfigError, type Finding } from '../../src/core/index.js';
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { scanTokens } from '../../src/core/secrets/tokens.js';
import { REDACTED } from '../../src/core/secrets/redact.js';
import { commitAll, git, initRepo, removeDir, runBin, tempDir, write } from '../fixtures/diff/repo.js';
import { lint, ROOT, TODAY } from './helpers.js';

const FIXTURES = join(ROOT, 'test/fixtures/secret');

interface Expected { kind: string; value: string }

/** A fixture's text (before its expectation block) and the secrets the block lists, in order. */
function fixture(name: string): { text: string; expected: Expected[] } {
  const full = readFileSync(join(FIXTURES, name), 'utf8');
  const at = full.indexOf('<!-- expected-secrets');
  if (at < 0) return { text: full, expected: [] };
  // "@secret KIND VALUE" lines; the value runs to the end of the line (it may hold spaces).
  const expected = full.slice(at).split('\n').filter((l) => l.startsWith('@secret ')).map((l) => {
    const rest = l.slice('@secret '.length);
    return { kind: rest.slice(0, rest.indexOf(' ')), value: rest.slice(rest.indexOf(' ') + 1) };
  });
  return { text: full.slice(0, at), expected };
}

const positives = fixture('true-positives.md');
const nearMisses = fixture('near-misses.md');

/** Offsets of a finding in the text (BOM-less, as the engine reports). */
function offsets(text: string, f: Finding): [number, number] {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === '\n') starts.push(i + 1);
  return [starts[f.line - 1]! + f.column - 1, starts[f.endLine - 1]! + f.endColumn - 1];
}

const secretsOf = (findings: Finding[]) => findings.filter((f) => f.ruleId === 'secret');

/** Every string a report must never hold: each secret, and for a private key each line of its block. */
function needles(): string[] {
  const out = new Set<string>();
  for (const e of positives.expected) out.add(e.value);
  const r = lint(positives.text);
  for (const f of secretsOf(r.findings)) {
    const [a, b] = offsets(positives.text, f);
    for (const line of positives.text.slice(a, b).split('\n')) if (line.length >= 12 && !line.startsWith('-----')) out.add(line);
  }
  return [...out];
}

function assertNoSecret(label: string, bytes: string | Buffer): void {
  const s = typeof bytes === 'string' ? bytes : bytes.toString('utf8');
  for (const n of needles()) assert.ok(!s.includes(n), `${label} holds the secret ${JSON.stringify(n.slice(0, 12))}…`);
}

describe('secret rule', () => {
  it('finds every secret of the true-positive fixture, each range exactly on the secret, in order', () => {
    assert.ok(positives.expected.length >= 25, 'the fixture lists its secrets');
    const found = secretsOf(lint(positives.text).findings);
    assert.deepEqual(found.map((f) => f.data?.category), positives.expected.map((e) => e.kind));
    found.forEach((f, i) => {
      const [a, b] = offsets(positives.text, f);
      const text = positives.text.slice(a, b);
      const e = positives.expected[i]!;
      if (e.kind === 'privatekey') assert.ok(text.startsWith('-----BEGIN') && text.includes(e.value) && text.endsWith('PRIVATE KEY-----'), 'the whole key block');
      else assert.equal(text, e.value, `finding ${i + 1} (${e.kind}) covers the secret`);
      assert.equal(f.severity, 'error');
      assert.equal(f.fixable, true);
    });
    // Where they sit: the frontmatter value, a Tools & Access line, a code block (section of its place).
    assert.equal(found[0]!.section, null);
    assert.equal(found[1]!.section, 'tools');
  });

  it('stays silent on the near-miss fixture (sentences about passwords, placeholders, references, example keys, headings)', () => {
    const found = secretsOf(lint(nearMisses.text).findings);
    assert.deepEqual(found.map((f) => `${f.line}: ${nearMisses.text.split('\n')[f.line - 1]}`), []);
  });

  it('never repeats the secret: messages name the kind, keys hold the kind and section, data holds no text', () => {
    const r = lint(positives.text);
    const values = positives.expected.map((e) => e.value);
    for (const f of r.findings) {
      for (const v of values) {
        assert.ok(!f.message.includes(v), `${f.ruleId} message`);
        assert.ok(!f.key.includes(v), `${f.ruleId} key`);
        assert.ok(!JSON.stringify(f.data ?? {}).includes(v), `${f.ruleId} data`);
        assert.ok(!(f.related ?? []).some((x) => x.message.includes(v)), `${f.ruleId} related`);
      }
    }
    for (const m of r.completeness.missing) for (const v of values) assert.ok(!m.title.includes(v), `missing item "${m.title}"`);
    // The open task that holds a PIN is listed without it.
    assert.ok(r.completeness.missing.some((m) => m.kind === 'task' && m.title.includes(`PIN: ${REDACTED}`)), 'the task is listed, its PIN blanked');
    const secrets = secretsOf(r.findings);
    assert.match(secrets[1]!.message, /^A password is written in the playbook: move it to the password manager and rotate it, since git keeps every version\.$/);
    assert.ok(secrets.some((f) => /\(a GitHub token\)/.test(f.message)));
    assert.deepEqual(secrets.slice(0, 3).map((f) => f.key), ['secret:-:password', 'secret:tools:password', 'secret:tools:password#2']);
    // No other rule reports the secret's own text (an AWS key id is an all-caps word, a jargon "acronym").
    const awsId = positives.expected.find((e) => e.kind === 'aws')!.value;
    assert.ok(!r.findings.some((f) => f.ruleId === 'jargon' && f.data?.text === awsId));
  });

  it('the fix replaces each value with the placeholder, keeping every other byte; a second lint finds nothing', () => {
    const r = lint(positives.text);
    const fixed = applyFixes(positives.text, secretsOf(r.findings));
    assert.deepEqual(secretsOf(lint(fixed).findings), []);
    assert.equal(applyFixes(fixed, secretsOf(lint(fixed).findings)), fixed, 'idempotent');
    // Outside the replaced ranges nothing changed: putting the values back gives the original.
    let back = fixed;
    for (const e of positives.expected.filter((x) => x.kind !== 'privatekey')) back = back.replace('<in the password manager>', e.value);
    const pem = /-----BEGIN PRIVATE KEY-----[^]*?-----END PRIVATE KEY-----/.exec(positives.text)![0];
    back = back.replace('<in the password manager>', pem);
    assert.equal(back, positives.text);
    assert.match(fixed, /\*\*Wi-Fi password:\*\* <in the password manager>\n/);
    assert.match(fixed, /cms_password: "<in the password manager>"\n/);
    assert.match(fixed, /postgres:\/\/report:<in the password manager>@db\.northwind\.example/);
  });

  it('keeps CRLF line endings and uses the Korean placeholder in a Korean playbook', () => {
    const ko = '---\r\nclient: 한빛\r\nlang: ko\r\n---\r\n\r\n## 도구 및 접근 권한\r\n\r\n- 관리자 비밀번호: Zx9!kq-42\r\n- 비밀번호는 1Password로 공유합니다.\r\n';
    const found = secretsOf(lint(ko).findings);
    assert.equal(found.length, 1);
    const fixed = applyFixes(ko, found);
    assert.equal(fixed, ko.replace('Zx9!kq-42', '<비밀번호 관리자에 보관>'));
  });

  it('is an error by default, follows the config, and inline disable comments', () => {
    const off = createLinter({ profile: bundledProfile(), packs: bundledPacks(), rules: { secret: 'off' } });
    assert.deepEqual(secretsOf(off.lint(positives.text, { today: TODAY }).findings), []);
    const text = 'Password: Hx82-kk!\n<!-- playbook-lint-disable-next-line secret -->\nPIN: 99174\n';
    assert.deepEqual(secretsOf(lint(text).findings).map((f) => f.line), [1]);
  });

  it('runs secretlint\'s preset rules directly: the same hits as its lintSource, disable comments included', async () => {
    const disabled = `${positives.text}\n<!-- secretlint-disable-next-line -->\nghp_${'a1B2'.repeat(9)}\n<!-- secretlint-disable -->\nAKIAIOSFODNN7REALKEY\n<!-- secretlint-enable -->\n`;
    const texts = [positives.text, disabled, '', 'no secrets here\n', '\uFEFFghp_' + 'Zz09'.repeat(9) + '\r\n'];
    const config = { rules: [{ id: recommended.meta.id, rule: recommended, rules: [{ id: '@secretlint/secretlint-rule-aws', options: { enableIDScanRule: true } }] }] };
    for (const text of texts) {
      const r = await lintSource({ source: { content: text, filePath: 'playbook.md', ext: '.md', contentType: 'text' }, options: { config: config as never, noPhysicFilePath: true } });
      // secretlint drops a leading BOM and counts from after it.
      const shift = text.startsWith('\uFEFF') ? 1 : 0;
      const expected = [...new Set(r.messages.map((m) => `${m.ruleId.replace('@secretlint/secretlint-rule-', '')}:${m.range[0] + shift}:${m.range[1] + shift}`))].sort();
      assert.deepEqual(scanTokens(text).map((h) => `${h.kind}:${h.start}:${h.end}`).sort(), expected, JSON.stringify(text.slice(0, 40)));
    }
    assert.ok(scanTokens(positives.text).length >= 15);
    assert.ok(scanTokens(disabled).length === scanTokens(positives.text).length, 'the disabled tokens are not reported');
  });

  it('never crashes or reports outside the text on odd input', () => {
    for (const text of ['', 'password:', 'Password: `', 'password: "unclosed', 'PIN:\n', '비밀번호는', 'pwd = ', 'password is', '-----BEGIN PRIVATE KEY-----', 'x'.repeat(100_000) + ' password: ' + 'y'.repeat(100_000)]) {
      const r = lint(text);
      for (const f of r.findings) assert.ok(f.line >= 1 && f.endLine <= text.split('\n').length + 1);
    }
  });

  it('a phrase pack may add password fields; a broken pattern is an error at its place', () => {
    const pack = parsePack('{ "lang": "en", "secrets": { "fields": ["door code"], "placeholders": ["on the fridge"] } }', '/ws/house.json');
    const linter = createLinter({ profile: bundledProfile(), packs: [...bundledPacks(), pack] });
    const text = 'Door code: 7731-9\nDoor code: on the fridge\n';
    assert.deepEqual(secretsOf(linter.lint(text, { today: TODAY }).findings).map((f) => f.line), [1]);
    assert.throws(() => parsePack('{ "lang": "en", "secrets": { "fields": ["(door code"] } }', '/ws/bad.json'),
      (e: unknown) => e instanceof ConfigError && /secrets fields/.test(e.message) && e.line === 1);
    assert.throws(() => parsePack('{ "lang": "en", "secrets": { "fieldz": [] } }', '/ws/bad.json'), ConfigError);
  });
});

describe('secret redaction in every output', function () {
  this.timeout(180_000);
  let dir = '';
  before(() => {
    dir = tempDir('secret');
    initRepo(dir);
    write(dir, 'clients/northwind.md', nearMisses.text);
    commitAll(dir, 'Northwind playbook');
    git(dir, ['checkout', '-q', '-b', 'pr']);
    write(dir, 'clients/northwind.md', positives.text);
    write(dir, 'clients/globex.md', positives.text.replace('client: Northwind Bikes', 'client: Globex'));
    commitAll(dir, 'Credentials pasted in', '2026-01-06T09:00:00Z');
  });
  after(() => removeDir(dir));

  for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
    it(`playbook-lint --format ${format}: exit 1, no secret in stdout, stderr or the job summary`, async () => {
      const summary = join(dir, `summary-lint-${format}.md`);
      const r = await runBin(['--format', format, '--no-cache', '--today', TODAY, 'clients'], dir, { GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.code, 1, r.stderr);
      assert.ok(r.stdout.length > 200);
      assertNoSecret('stdout', r.stdout);
      assertNoSecret('stderr', r.stderr);
      if (existsSync(summary)) assertNoSecret('job summary', readFileSync(summary));
      if (format === 'json') assert.equal((JSON.parse(r.stdout) as Array<{ findings: Finding[] }>)[0]!.findings.filter((f) => f.ruleId === 'secret').length, positives.expected.length);
      if (format === 'sarif') {
        const log = JSON.parse(r.stdout) as { runs: Array<{ results: Array<{ ruleId: string; partialFingerprints: Record<string, string>; locations: unknown[] }> }> };
        const secret = log.runs[0]!.results.filter((x) => x.ruleId === 'secret');
        assert.equal(secret.length, positives.expected.length * 2);
        for (const x of secret) assert.match(Object.values(x.partialFingerprints)[0]!, /^[0-9a-f]{64}$/, 'a hashed fingerprint');
        assert.ok(!JSON.stringify(log).includes('"snippet"'));
      }
    });
  }

  // The other reports of the same results: the lead's HTML page and the task lists (a task may hold a PIN).
  for (const args of [['report', '--format', 'html'], ['tasks', '--all', '--format', 'json'], ['tasks', '--all', '--format', 'ics'],
    ['tasks', '--all', '--format', 'markdown'], ['tasks', '--all', '--format', 'stylish']]) {
    it(`playbook-lint ${args.join(' ')}: no secret in stdout or stderr`, async () => {
      const r = await runBin([...args, ...(args[0] === 'report' ? ['--no-cache'] : []), '--today', TODAY, 'clients'], dir);
      assert.ok(r.stdout.length > 200, r.stderr);
      assertNoSecret('stdout', r.stdout);
      assertNoSecret('stderr', r.stderr);
      // (The calendar leaves out undated tasks such as this one.)
      if (args[0] === 'tasks' && !args.includes('ics')) assert.match(r.stdout, /alarm PIN/, 'the task is listed, without its value');
    });
  }

  it('the result cache on disk holds no secret, and a warm run prints none', async () => {
    const cache = join(dir, '.cache-test');
    const cold = await runBin(['--format', 'json', '--cache-location', cache, '--today', TODAY, 'clients'], dir);
    const warm = await runBin(['--format', 'json', '--cache-location', cache, '--today', TODAY, 'clients'], dir);
    assert.equal(warm.stdout, cold.stdout);
    assertNoSecret('warm stdout', warm.stdout);
    const files: string[] = [];
    const walk = (d: string): void => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else files.push(p); } };
    walk(cache);
    assert.ok(files.length >= 1);
    for (const f of files) assertNoSecret(`cache file ${f}`, readFileSync(f));
  });

  it('--fix writes the placeholders; the file then holds no secret', async () => {
    const copy = join(dir, 'fixcopy');
    mkdirSync(copy, { recursive: true });
    writeFileSync(join(copy, 'northwind.md'), positives.text);
    const r = await runBin(['--fix', '--no-cache', '--format', 'json', '--today', TODAY, 'northwind.md'], copy);
    assertNoSecret('stdout', r.stdout);
    assertNoSecret('the fixed file', readFileSync(join(copy, 'northwind.md')));
  });

  for (const format of ['stylish', 'json', 'sarif', 'github', 'markdown']) {
    it(`playbook-lint diff --format ${format}: secrets first, fails even with --fail-on new when nothing else fails, no secret in the output`, async () => {
      const summary = join(dir, `summary-diff-${format}.md`);
      const r = await runBin(['diff', '--base', 'main', '--head', 'pr', '--format', format, '--today', TODAY], dir, { GITHUB_STEP_SUMMARY: summary });
      assert.equal(r.code, 1, r.stderr);
      assertNoSecret('stdout', r.stdout);
      assertNoSecret('stderr', r.stderr);
      if (existsSync(summary)) assertNoSecret('job summary', readFileSync(summary));
      const out = r.stdout;
      if (format === 'markdown') {
        assert.ok(out.indexOf('[!CAUTION]') > 0 && out.indexOf('[!CAUTION]') < out.indexOf('| Client |'), 'the secrets block leads the comment');
        assert.match(out, /does not remove it from the git history/);
      }
      if (format === 'json') {
        const j = JSON.parse(out) as { secrets: unknown[]; files: Array<{ newFindings: Finding[] }> };
        assert.deepEqual(Object.keys(j), ['base', 'head', 'secrets', 'files']);
        assert.equal(j.secrets.length, positives.expected.length * 2);
        assert.equal(j.files[0]!.newFindings[0]!.ruleId, 'secret');
        assert.match(j.files[0]!.newFindings[0]!.message, /does not remove it from the git history/);
      }
      if (format === 'github') assert.match(out.split('\n')[0]!, /^::error .*title=secret::/);
      if (format === 'stylish') assert.match(out.split('\n')[0]!, /secrets? in the changed playbooks/);
      if (format === 'sarif') {
        const results = (JSON.parse(out) as { runs: Array<{ results: Array<{ ruleId: string }> }> }).runs[0]!.results;
        assert.equal(results[0]!.ruleId, 'secret');
      }
    });
  }

  it('a secret fails the PR report even when it is only a warning and already in the base', async () => {
    const repo = tempDir('secret-old');
    try {
      initRepo(repo);
      write(repo, '.playbook-lint.jsonc', '{ "rules": { "secret": "warning" } }');
      write(repo, 'clients/northwind.md', positives.text);
      commitAll(repo, 'An old secret');
      git(repo, ['checkout', '-q', '-b', 'pr']);
      write(repo, 'clients/northwind.md', positives.text.replace('We use Asana', 'We use Asana and Trello'));
      commitAll(repo, 'A small edit', '2026-01-06T09:00:00Z');
      const r = await runBin(['diff', '--base', 'main', '--head', 'pr', '--format', 'json', '--fail-on', 'new', '--today', TODAY], repo);
      assert.equal(r.code, 1);
      const j = JSON.parse(r.stdout) as { secrets: Array<{ severity: string }> };
      assert.ok(j.secrets.length > 0 && j.secrets.every((s) => s.severity === 'warning'));
    } finally {
      removeDir(repo);
    }
  });

  it('a head that turns the rule off still reports its secrets; only the base commit\'s config can turn it off', async () => {
    const repo = tempDir('secret-off');
    try {
      initRepo(repo);
      write(repo, 'clients/northwind.md', nearMisses.text);
      commitAll(repo, 'Northwind');
      git(repo, ['checkout', '-q', '-b', 'pr']);
      write(repo, '.playbook-lint.jsonc', '{ "rules": { "secret": "off" } }');
      write(repo, 'clients/northwind.md', positives.text);
      commitAll(repo, 'Turn the guard off and paste credentials', '2026-01-06T09:00:00Z');
      const head = await runBin(['diff', '--base', 'main', '--head', 'pr', '--format', 'json', '--config-from', 'head', '--today', TODAY], repo);
      assert.equal(head.code, 1);
      assert.equal((JSON.parse(head.stdout) as { secrets: unknown[] }).secrets.length, positives.expected.length);
      // The same "off" in the base commit's config is honoured.
      git(repo, ['checkout', '-q', 'main']);
      write(repo, '.playbook-lint.jsonc', '{ "rules": { "secret": "off" } }');
      commitAll(repo, 'The team turns the guard off', '2026-01-07T09:00:00Z');
      const off = await runBin(['diff', '--base', 'main', '--head', 'pr', '--format', 'json', '--config-from', 'head', '--today', TODAY], repo);
      assert.equal((JSON.parse(off.stdout) as { secrets?: unknown[] }).secrets, undefined, 'no secrets list when there are none');
    } finally {
      removeDir(repo);
    }
  });
});
