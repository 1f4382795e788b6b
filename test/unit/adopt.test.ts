// `adopt`: fixture documents (English, Korean, a near-miss, an existing playbook, a
// partial one) give their expected playbook and CLI output byte for byte; their BOM +
// CRLF twins give the twins of those; a second run changes nothing; the edits are
// insertions only; and the CLI's table, --write and exit codes.
//
// After a deliberate change of the output (e.g. the heading matcher reads more headings),
// rewrite the expected files with PLAYBOOK_LINT_UPDATE_FIXTURES=1 and review the diff.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { AdoptError, adoptDocument, adoptSummary, adoptWarnings, formatHeadingTable, type AdoptOptions } from '../../src/core/adopt.js';
import { bundledProfile } from '../../src/core/bundled.js';
import { BOM, bomCrlfTwin, lint, markdownish, ROOT, TODAY } from './helpers.js';

const DIR = join(ROOT, 'test', 'fixtures', 'adopt');
const UPDATE = !!process.env['PLAYBOOK_LINT_UPDATE_FIXTURES'];
const bin = join(ROOT, 'bin/playbook-lint.js');
const templates = { en: readFileSync(join(ROOT, 'templates/agency.en.md'), 'utf8'), ko: readFileSync(join(ROOT, 'templates/agency.ko.md'), 'utf8') };
const profile = bundledProfile();

function options(fileName: string, extra: Partial<AdoptOptions> = {}): AdoptOptions {
  return { profile, fileName, today: TODAY, templates, ...extra };
}

const inputs = readdirSync(DIR).filter((n) => n.endsWith('.md') && !n.endsWith('.adopted.md')).sort();

/** Compare with an expected file (or write it in update mode); a missing `.adopted.md` means "unchanged". */
function expectFile(name: string, actual: string, fallback?: string): void {
  const path = join(DIR, name);
  if (UPDATE) {
    if (fallback !== undefined && actual === fallback) rmSync(path, { force: true });
    else writeFileSync(path, actual);
    return;
  }
  const expected = existsSync(path) ? readFileSync(path, 'utf8') : fallback;
  assert.ok(expected !== undefined, `${name} is missing`);
  assert.equal(actual, expected, `${name} differs`);
}

interface Run { code: number; stdout: string; stderr: string }

function run(args: string[], cwd: string, env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, LANG: 'C', NO_COLOR: '1', ...env }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

describe('adopt (engine)', () => {
  for (const name of inputs) {
    const base = name.replace(/\.md$/, '');
    describe(name, () => {
      const input = readFileSync(join(DIR, name), 'utf8');
      const result = adoptDocument(input, options(name));

      it('gives the expected playbook, byte for byte', () => {
        expectFile(`${base}.adopted.md`, result.text, input);
      });

      it('changes nothing the second time', () => {
        const again = adoptDocument(result.text, options(name, { today: '2027-01-04' }));
        assert.equal(again.changed, false);
        assert.equal(again.text, result.text);
        assert.deepEqual(again.edits, []);
      });

      it('only inserts: taking the insertions out gives the original', () => {
        for (let i = 1; i < result.edits.length; i++) assert.ok(result.edits[i]!.offset > result.edits[i - 1]!.offset);
        let restored = result.text;
        for (const e of [...result.edits].reverse()) {
          const at = e.offset + result.edits.filter((x) => x.offset < e.offset).reduce((n, x) => n + x.text.length, 0);
          assert.equal(restored.slice(at, at + e.text.length), e.text);
          restored = restored.slice(0, at) + restored.slice(at + e.text.length);
        }
        assert.equal(restored, input);
      });

      it('its BOM + CRLF twin gives the twin of the expected playbook', () => {
        const twin = adoptDocument(bomCrlfTwin(input), options(name));
        assert.equal(twin.text, bomCrlfTwin(result.text));
        assert.ok(twin.text.startsWith(BOM));
        assert.ok(!/[^\r]\n/.test(twin.text.slice(1)), 'every line ends with CRLF');
        assert.deepEqual(twin.headings, result.headings);
        assert.equal(formatHeadingTable(twin), formatHeadingTable(result));
        assert.equal(adoptDocument(twin.text, options(name)).changed, false);
      });

      it('leaves no required section or frontmatter key missing', () => {
        const findings = lint(result.text).findings;
        assert.deepEqual(findings.filter((f) => f.ruleId === 'required-section').map((f) => f.message), []);
        assert.deepEqual(findings.filter((f) => f.ruleId === 'frontmatter-schema' && /missing|required/i.test(f.message)).map((f) => f.message), []);
      });
    });
  }

  it('reads each heading as the profile does, and names the section in the document\'s language', () => {
    const en = adoptDocument(readFileSync(join(DIR, 'agency-en.md'), 'utf8'), options('agency-en.md'));
    assert.deepEqual(en.headings.map((h) => [h.heading, h.section]), [
      ['Brightside Studio client onboarding', null], ['Philosophy', null], ['Kickoff', 'welcome'], ['Kickoff agenda', null],
      ['Goals', 'goals'], ['Communication', 'communication'], ['Sample Agenda', null], ['Hosting', null], ['Billing', 'billing'],
    ]);
    assert.equal(en.headings[2]!.title, 'Welcome & Kickoff');
    const ko = adoptDocument(readFileSync(join(DIR, 'agency-ko.md'), 'utf8'), options('agency-ko.md'));
    assert.equal(ko.lang, 'ko');
    assert.equal(ko.langSource, 'hangul');
    assert.equal(ko.headings.find((h) => h.section === 'welcome')!.title, '환영 및 킥오프');
    assert.match(ko.text, /\n## 기준 데이터\n\n<!-- 현재 트래픽 수준과 소스/);
  });

  it('inserts missing sections where the profile puts them, not all at the end', () => {
    const r = adoptDocument(readFileSync(join(DIR, 'near-miss.md'), 'utf8'), options('near-miss.md'));
    const order = [...r.text.matchAll(/^## (.+)$/gm)].map((m) => m[1]);
    assert.deepEqual(order, ['Welcome', 'Goals & Success Metrics', 'Baseline Data', 'Our Philosophy', 'Sample Agenda', 'Hosting', 'Scope',
      'Roles & Responsibilities', 'Contacts', 'Communication Plan', 'Reporting', 'Tools & Access', 'Workflow & Approvals', 'Brand Guidelines',
      'Billing & Invoicing', 'Quick Wins', 'Client Education', 'Follow-ups']);
    // Before the first section when none that comes earlier in the profile is present.
    const late = adoptDocument('# Acme\n\nIntro.\n\n## Contacts\n\nDana.\n', options('acme.md'));
    assert.match(late.text, /Intro\.\n\n## Welcome & Kickoff\n\n<!--[^\n]*-->\n\n## Goals & Success Metrics\n[\s\S]*## Roles & Responsibilities\n\n<!--[^\n]*-->\n\n## Contacts\n\nDana\.\n\n## Communication Plan\n/);
  });

  it('inserts under the template\'s guidance comment, else the profile\'s hint', () => {
    const withTemplate = adoptDocument('# A\n', options('a.md'));
    assert.ok(withTemplate.text.includes('<!-- Deliverables and milestone dates. Pad estimates: a job you expect to take 3 months is promised as 4. -->'));
    const without = adoptDocument('# A\n', { profile, fileName: 'a.md', today: TODAY });
    assert.ok(without.text.includes(`\n## Scope & Milestones\n\n<!-- ${profile.section('scope')!.hint['en']!.trim()}`));
    assert.equal(adoptDocument(without.text, options('a.md')).changed, false);
  });

  it('takes the client from --client, else the title, else a heading that is not a section, else the file name', () => {
    const client = (text: string, extra: Partial<AdoptOptions> = {}) => {
      const r = adoptDocument(text, options('docs/Client Notes.md', extra));
      return [r.client, r.clientSource];
    };
    assert.deepEqual(client('# Acme\n', { client: ' Beta Labs ' }), ['Beta Labs', 'option']);
    assert.deepEqual(client('## Goals\n\n# Acme Outdoor Co. onboarding playbook\n'), ['Acme Outdoor Co.', 'title']);
    assert.deepEqual(client('# Client Onboarding\n'), ['Client Onboarding', 'title']);
    assert.deepEqual(client('# 한빛 코스메틱 온보딩 플레이북\n'), ['한빛 코스메틱', 'title']);
    assert.deepEqual(client('## Goals\n\n## Northwind\n'), ['Northwind', 'heading']);
    assert.deepEqual(client('## Goals\n\nText.\n'), ['Client Notes', 'file']);
    // A name YAML would misread is quoted.
    const r = adoptDocument('# "Acme": #1 \\ co\n', options('x.md'));
    assert.ok(r.text.startsWith('---\nclient: "\\"Acme\\": #1 \\\\ co"\n'));
    assert.equal(lint(r.text).client, '"Acme": #1 \\ co');
  });

  it('keeps an existing frontmatter byte for byte and adds only the required keys it lacks', () => {
    const text = '---\n# our notes\nclient: Acme   # the client\nstatus: active\n---\n\n## Goals\n';
    const r = adoptDocument(text, options('acme.md', { client: 'Other', accountOwner: 'Dana Kim' }));
    assert.ok(r.text.startsWith('---\n# our notes\nclient: Acme   # the client\nstatus: active\naccount_owner: "Dana Kim"\nstart_date: "2026-11-25"\nreporting_cadence: monthly\n'));
    assert.equal(r.frontmatterAdded, false);
    assert.deepEqual(r.keysAdded, ['account_owner', 'start_date', 'reporting_cadence', 'response_window_hours', 'billing_cycle_days', 'primary_contact', 'backup_contact']);
    assert.equal(r.client, 'Acme');
    assert.equal(r.clientIgnored, true);
    assert.deepEqual(adoptWarnings(r, profile), ['The frontmatter already names the client "Acme": kept.']);
  });

  it('leaves a frontmatter it cannot extend as it is, and still inserts the sections', () => {
    for (const fm of ['---\nclient: "Acme\n---\n', '---\n{client: Acme}\n---\n', '---\n- a\n- b\n---\n']) {
      const r = adoptDocument(`${fm}\n## Goals\n`, options('x.md'));
      assert.ok(r.text.startsWith(`${fm}\n## Welcome & Kickoff\n`), fm);
      assert.equal(r.frontmatterUnreadable, true);
      assert.deepEqual(r.keysAdded, []);
      const again = adoptDocument(r.text, options('x.md'));
      assert.equal(again.changed, false);
      assert.equal(adoptSummary(again, 'x.md', false), 'Nothing added to x.md.');
    }
  });

  it('prints a heading that spans lines on one line of the table', () => {
    const r = adoptDocument('Acme\nOutdoor\n===\n\n## Goals\n', options('x.md'));
    assert.equal(r.headings[0]!.heading, 'Acme\nOutdoor');
    assert.match(formatHeadingTable(r), /\n {3}1 {2}# Acme Outdoor +title \(not a section\)\n/);
    assert.ok(r.text.startsWith('---\nclient: "Acme Outdoor"\n'));
  });

  it('picks the language: frontmatter, else mostly Hangul, else the default', () => {
    const lang = (text: string, defaultLang?: 'en' | 'ko') => {
      const r = adoptDocument(text, options('x.md', defaultLang ? { defaultLang } : {}));
      return [r.lang, r.langSource];
    };
    assert.deepEqual(lang('---\nlang: ko-KR\n---\n\nEnglish words only here.\n'), ['ko', 'frontmatter']);
    assert.deepEqual(lang('---\nlang: en\n---\n\n한국어 문서입니다 정말로.\n'), ['en', 'frontmatter']);
    assert.deepEqual(lang('# 온보딩\n\nSlack으로 KPI를 매주 보고합니다.\n'), ['ko', 'hangul']);
    assert.deepEqual(lang('# Acme\n\nWe report weekly to 한빛.\n'), ['en', 'default']);
    assert.deepEqual(lang('# Acme\n\nWe report weekly.\n', 'ko'), ['ko', 'default']);
    // Written down when it is not what the file would be read as: a frontmatter without lang, Korean text.
    const r = adoptDocument('---\nclient: 한빛\n---\n\n## 목표\n\n매출을 늘립니다.\n', options('x.md'));
    assert.ok(r.keysAdded.includes('lang'));
    assert.match(r.text, /\nlang: ko\n---\n/);
    assert.match(r.text, /\n## 환영 및 킥오프\n/);
  });

  it('appends after a blank line to a document without a final line ending, and ends with one', () => {
    const end = adoptDocument('# A\n\nText without a final newline', options('a.md'));
    assert.ok(end.text.includes('\nText without a final newline\n\n## Welcome & Kickoff\n\n<!-- '));
    assert.ok(end.text.endsWith('-->\n'));
    assert.ok(!end.text.endsWith('-->\n\n'));
    const empty = adoptDocument('', options('Acme.md'));
    assert.ok(empty.text.startsWith('---\nclient: "Acme"\n'));
    assert.match(empty.text, /\nlang: en\n---\n\n## Welcome & Kickoff\n\n<!-- /);
    assert.ok(empty.text.endsWith('-->\n') && !empty.text.endsWith('-->\n\n'));
    assert.equal(empty.inserted.length, 15);
  });

  it('does not append sections into a code block or comment left open at the end', () => {
    const r = adoptDocument('# A\n\n## Goals\n\n```\nnever closed\n', options('a.md'));
    assert.deepEqual(r.inserted, ['welcome']);
    assert.equal(r.skipped.length, 13);
    assert.match(adoptWarnings(r, profile)[0]!, /^Not inserted \(the document ends inside an unclosed code block or HTML comment\): Baseline Data, /);
    assert.equal(adoptDocument(r.text, options('a.md')).changed, false);
  });

  it('refuses a document the parser must not read', () => {
    assert.throws(() => adoptDocument(`# A\n\n${'>'.repeat(300)} deep\n`, options('a.md')), AdoptError);
    assert.throws(() => adoptDocument('*a'.repeat(60_000), options('a.md')), AdoptError);
  });

  it('summarises in English and Korean', () => {
    const r = adoptDocument(readFileSync(join(DIR, 'agency-ko.md'), 'utf8'), options('agency-ko.md'));
    assert.equal(adoptSummary(r, 'agency-ko.md', false), 'Adopting agency-ko.md would add a frontmatter (client "한빛 코스메틱") and 11 sections. Run with --write to apply.');
    assert.equal(adoptSummary(r, 'agency-ko.md', true, 'ko'), 'agency-ko.md을(를) 전환했습니다. 추가: 프런트매터(고객 "한빛 코스메틱"), 섹션 11개.');
    assert.match(formatHeadingTable(r, 'ko'), /^줄  작성된 제목 +섹션\n 1  # 한빛 코스메틱 온보딩  문서 제목 \(섹션 아님\)\n/);
  });

  it('is idempotent and insert-only on generated documents', function () {
    this.timeout(120_000);
    fc.assert(fc.property(markdownish, fc.boolean(), (text, withClient) => {
      let r;
      try {
        r = adoptDocument(text, options('gen.md', withClient ? { client: 'Gen' } : {}));
      } catch (e) {
        if (e instanceof AdoptError) return;
        throw e;
      }
      const again = adoptDocument(r.text, options('gen.md', withClient ? { client: 'Gen' } : {}));
      assert.equal(again.text, r.text, 'a second run changes nothing');
      const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
      let out = '';
      let from = 0;
      for (const e of r.edits) { out += body.slice(from, e.offset) + e.text; from = e.offset; }
      assert.equal((text.charCodeAt(0) === 0xfeff ? BOM : '') + out + body.slice(from), r.text);
    }), { numRuns: 300 });
  });
});

describe('adopt (CLI)', () => {
  let dir = '';
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pbl-adopt-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const args = ['--today', TODAY, '--owner', ''];

  for (const name of inputs) {
    const base = name.replace(/\.md$/, '');
    it(`${name}: prints the heading table and the diff, changes nothing`, async () => {
      const before = readFileSync(join(DIR, name));
      const r = await run(['adopt', name, ...args], DIR);
      assert.equal(r.stderr, '');
      assert.equal(r.code, 0);
      expectFile(`${base}.stdout.txt`, r.stdout);
      assert.deepEqual(readFileSync(join(DIR, name)), before);
    });
  }

  it('--write writes the expected playbook; a second run has nothing to add', async () => {
    cpSync(join(DIR, 'agency-ko.md'), join(dir, 'agency-ko.md'));
    const r = await run(['adopt', 'agency-ko.md', '--write', '--locale', 'ko', ...args], dir);
    assert.equal(r.code, 0, r.stderr);
    expectFile('agency-ko.write-ko.txt', r.stdout);
    assert.equal(readFileSync(join(dir, 'agency-ko.md'), 'utf8'), readFileSync(join(DIR, 'agency-ko.adopted.md'), 'utf8'));
    const again = await run(['adopt', 'agency-ko.md', '--write', ...args], dir);
    assert.equal(again.code, 0);
    assert.ok(again.stdout.endsWith('\nagency-ko.md is already a playbook: nothing to add.\n'), again.stdout);
    assert.equal(readFileSync(join(dir, 'agency-ko.md'), 'utf8'), readFileSync(join(DIR, 'agency-ko.adopted.md'), 'utf8'));
    assert.deepEqual(readdirSync(dir), ['agency-ko.md'], 'no temporary file left');
  });

  it('--write keeps a BOM and CRLF line endings', async () => {
    const input = bomCrlfTwin(readFileSync(join(DIR, 'near-miss.md'), 'utf8'));
    writeFileSync(join(dir, 'crlf.md'), input);
    const r = await run(['adopt', 'crlf.md', '--write', ...args], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.equal(readFileSync(join(dir, 'crlf.md'), 'utf8'), bomCrlfTwin(readFileSync(join(DIR, 'near-miss.adopted.md'), 'utf8')));
  });

  it('--client names the client; the default owner is git\'s user.name', async () => {
    cpSync(join(DIR, 'agency-en.md'), join(dir, 'a.md'));
    const r = await run(['adopt', 'a.md', '--write', '--client', 'Brightside Studio Ltd.', '--today', TODAY], dir,
      { GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\nAdopted a\.md: added a frontmatter \(client "Brightside Studio Ltd\."\) and 11 sections\.\n$/);
    const text = readFileSync(join(dir, 'a.md'), 'utf8');
    assert.ok(text.startsWith('---\nclient: "Brightside Studio Ltd."\naccount_owner: ""\n'));
    writeFileSync(join(dir, 'gitconfig'), '[user]\n\tname = Dana Kim\n');
    cpSync(join(DIR, 'agency-en.md'), join(dir, 'b.md'));
    await run(['adopt', 'b.md', '--write', '--today', TODAY], dir, { GIT_CONFIG_GLOBAL: join(dir, 'gitconfig'), GIT_CONFIG_NOSYSTEM: '1' });
    assert.match(readFileSync(join(dir, 'b.md'), 'utf8'), /\naccount_owner: "Dana Kim"\n/);
  });

  it('uses the config\'s profile and default language', async () => {
    writeFileSync(join(dir, '.playbook-lint.jsonc'), '{ "lang": "ko" }\n');
    writeFileSync(join(dir, 'notes.md'), '# Acme\n\n## Goals\n\nMore leads.\n');
    const r = await run(['adopt', 'notes.md', ...args], dir);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /\n\+## 환영 및 킥오프\n/);
    assert.match(r.stdout, /\n\+lang: ko\n/);
  });

  it('a file that is not UTF-8 text is not adopted (exit 1) and never rewritten', async () => {
    for (const name of ['latin1.md', 'binary.md']) {
      cpSync(join(ROOT, 'test/fixtures/cli/unreadable', name), join(dir, name));
      const before = readFileSync(join(dir, name));
      const r = await run(['adopt', name, '--write', ...args], dir);
      assert.equal(r.code, 1, name);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, new RegExp(`^playbook-lint: ${name.replace('.', '\\.')} was not adopted: it (is not valid UTF-8 \\(byte \\d+\\)|looks like a binary file)\\.\\n$`));
      assert.deepEqual(readFileSync(join(dir, name)), before);
    }
  });

  const usage: Array<[string, string[], RegExp]> = [
    ['no file', ['adopt'], /adopt needs a file/],
    ['two files', ['adopt', 'a.md', 'b.md'], /adopt takes one file/],
    ['an unknown flag', ['adopt', 'a.md', '--frobnicate'], /frobnicate/],
    ['a missing file', ['adopt', 'nope.md'], /no such file: nope\.md/],
    ['a folder', ['adopt', '.'], /is not a file/],
    ['a bad date', ['adopt', 'a.md', '--today', '2026-13-45'], /--today takes a date/],
    ['an empty client', ['adopt', 'a.md', '--client', ' '], /--client takes a name/],
  ];
  for (const [what, argv, message] of usage) {
    it(`${what} is a usage error (exit 2)`, async () => {
      writeFileSync(join(dir, 'a.md'), '# A\n');
      writeFileSync(join(dir, 'b.md'), '# B\n');
      const r = await run(argv, dir);
      assert.equal(r.code, 2);
      assert.match(r.stderr, message);
      assert.equal(readFileSync(join(dir, 'a.md'), 'utf8'), '# A\n');
    });
  }

  it('adopt --help and the main --help describe it', async () => {
    const own = await run(['adopt', '--help'], dir);
    assert.equal(own.code, 0);
    assert.match(own.stdout, /^Usage: playbook-lint adopt FILE \[--client NAME\]/);
    const main = await run(['--help'], dir);
    assert.match(main.stdout, /playbook-lint adopt FILE/);
  });
});
