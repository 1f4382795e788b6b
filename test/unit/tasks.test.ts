// Tasks and check-ins: the engine's task model and the follow-up fixes, then
// `playbook-lint tasks` through the real bin as a table of {args, exitCode, stdout} cases
// over test/fixtures/cli/tasks, every format (the ICS parsed back with ical.js).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import ICAL from 'ical.js';
import { applyFixes, bundledPacks, bundledProfile, createLinter, customProfile } from '../../src/core/index.js';
import { dateTokens, nextCheckIn, ownerTokens, playbookItems, stripTokens } from '../../src/core/tasks.js';
import { parseDocument } from '../../src/core/parse/document.js';
import { readEngineFixture, splitFixture } from './helpers.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '../../..');
const bin = join(root, 'bin/playbook-lint.js');
const fixture = join(root, 'test/fixtures/cli/tasks');
const TODAY = '2026-12-02';

const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
const source = (name: string) => splitFixture(readEngineFixture(name)).source;

describe('tasks: the engine', () => {
  it('reads owners, every due form, done dates and Korean tasks; an e-mail address is no owner', () => {
    const items = linter.lint(source('tasks.md'), { today: TODAY }).tasks!;
    const byText = new Map(items.map((i) => [i.text, i]));
    assert.deepEqual(byText.get('Send the brand book')?.owners, ['sam']);
    assert.equal(byText.get('Send the brand book')?.due, '2026-12-10');
    assert.deepEqual(byText.get('Review ad copy')?.owners, ['dana.reyes', 'hank']);
    assert.equal(byText.get('Review ad copy')?.due, '2026-11-20');
    assert.equal(byText.get('Review ad copy')?.overdue, true);
    const ask = byText.get('Ask dana@northwind.example for the logo files')!;
    assert.deepEqual(ask.owners, []);
    assert.equal(ask.dueToday, true);
    assert.equal(ask.overdue, false);
    assert.equal(byText.get('Audit delivered')?.doneDate, '2026-11-15');
    assert.equal(byText.get('Keyword research')?.doneDate, '2026-11-20');
    assert.equal(byText.get('Book the photo shoot')?.due, null);
    assert.equal(byText.get('Check in the export')?.due, '2027-01-15', 'Due: is read whatever its case; the code span is not a token');
    assert.deepEqual(byText.get('브랜드 가이드 공유')?.owners, ['민수']);
    assert.equal(byText.get('브랜드 가이드 공유')?.due, '2026-11-30');
    const checkIn = items.find((i) => i.kind === 'follow-up' && i.key === 'follow-up:30d')!;
    assert.deepEqual({ due: checkIn.due, overdue: checkIn.overdue, owners: checkIn.owners, text: checkIn.text },
      { due: '2026-12-01', overdue: true, owners: ['Priya Shah'], text: '30-day check-in' });
  });

  it('playbookItems gives the same items from a parsed document (for reports outside the linter)', () => {
    const text = source('tasks.md');
    const doc = parseDocument(text, bundledProfile(), 'en');
    assert.deepEqual(playbookItems(doc, bundledProfile(), TODAY), linter.lint(text, { today: TODAY }).tasks);
  });

  it('a check-in due today is "due today", one due yesterday overdue, one due tomorrow upcoming', () => {
    const state = (name: string) => nextCheckIn(linter.lint(source(name), { today: TODAY }).tasks!, TODAY);
    assert.deepEqual(state('follow-ups-yesterday.md'), { state: 'overdue', label: '30-day check-in', due: '2026-12-01', days: -1 });
    assert.deepEqual(state('follow-ups-today.md'), { state: 'today', label: '30-day check-in', due: '2026-12-02', days: 0 });
    assert.deepEqual(state('follow-ups-tomorrow.md'), { state: 'upcoming', label: '30-day check-in', due: '2026-12-03', days: 1 });
  });

  it('the follow-up-overdue fix adds a task due today to the Follow-ups section; linted again, the finding is gone and the fix is idempotent', () => {
    for (const name of ['follow-ups-yesterday.md', 'tasks.md', 'completeness.md']) {
      const text = source(name);
      const today = name === 'completeness.md' ? '2026-11-25' : TODAY;
      const before = linter.lint(text, { today });
      const overdue = before.findings.filter((f) => f.ruleId === 'follow-up-overdue');
      assert.ok(overdue.length > 0 && overdue.every((f) => f.fix), name);
      const fixed = applyFixes(text, overdue);
      assert.match(fixed, new RegExp(`- \\[ \\] [^\\n]+ due:${today}`));
      const after = linter.lint(fixed, { today });
      assert.deepEqual(after.findings.filter((f) => f.ruleId === 'follow-up-overdue'), [], name);
      assert.ok(!after.completeness.missing.some((m) => m.kind === 'follow-up'), name);
      assert.equal(applyFixes(fixed, after.findings.filter((f) => f.ruleId === 'follow-up-overdue')), fixed);
    }
  });

  it('an undated open task for a check-in whose date has passed gets today as its due date', () => {
    const text = source('follow-ups-yesterday.md').replace('- [ ] 60-day check-in with Dana', '- [ ] 30-day check-in with Dana');
    const [finding] = linter.lint(text, { today: TODAY }).findings.filter((f) => f.ruleId === 'follow-up-overdue');
    assert.ok(finding?.fix);
    const fixed = applyFixes(text, [finding]);
    assert.ok(fixed.includes(`- [ ] 30-day check-in with Dana due:${TODAY}`));
    assert.deepEqual(linter.lint(fixed, { today: TODAY }).findings, []);
  });

  it('a ticked task that names the check-in records it; without a Follow-ups section the finding has no fix', () => {
    const text = source('follow-ups-yesterday.md');
    assert.deepEqual(linter.lint(text.replace('- [ ] 60-day check-in with Dana', '- [x] 30-day check-in with Dana ✅ 2026-12-01'), { today: TODAY }).findings, []);
    const without = text.replace(/## Follow-ups[\s\S]*$/, '');
    const f = linter.lint(without, { today: TODAY }).findings.find((x) => x.ruleId === 'follow-up-overdue');
    assert.ok(f && !f.fix && f.section === null);
  });

  it('a custom profile changes the schedule ("followUps"); [] turns check-ins off; its own mentions are literal', () => {
    const text = source('follow-ups-yesterday.md');
    const none = createLinter({ profile: customProfile({ extends: 'agency', followUps: [] }, 'test'), packs: bundledPacks() });
    assert.deepEqual(none.lint(text, { today: TODAY }).tasks!.filter((i) => i.kind === 'follow-up'), []);
    assert.deepEqual(none.lint(text, { today: TODAY }).findings, []);
    const weekly = createLinter({ profile: customProfile({ extends: 'agency', followUps: [
      { id: '2w', days: 14, label: { en: 'two-week sync' }, mentions: { en: ['fortnight'] } },
    ] }, 'test'), packs: bundledPacks() });
    const r = weekly.lint(text, { today: TODAY });
    assert.deepEqual(r.findings.map((f) => f.message), ['The two-week sync was due 2026-11-15 and no ticked task records it: hold it and tick off a task that names it, or schedule it.']);
    assert.deepEqual(weekly.lint(text.replace('- [ ] 60-day', '- [x] Fortnight sync held\n- [ ] 60-day'), { today: TODAY }).findings, []);
  });

  it('messages come in Korean too', () => {
    const ko = createLinter({ profile: bundledProfile(), packs: bundledPacks(), locale: 'ko' });
    const messages = ko.lint(source('tasks.md'), { today: TODAY }).findings.map((f) => f.message);
    assert.ok(messages.some((m) => m.includes('마감일 "due:tomorrow"')));
    assert.ok(messages.some((m) => m.includes('30-day check-in 예정일(2026-12-01)')));
  });
});

interface Run { code: number; stdout: string; stderr: string }

function run(args: string[], cwd = fixture): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, LANG: 'C', NO_COLOR: '1' }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

interface Item { file: string; client: string | null; line: number; kind: string; text: string; owners: string[]; due: string | null; done: boolean; overdue: boolean }
const parse = (o: string) => JSON.parse(o) as Item[];
const json = ['tasks', '--format', 'json', '--today', TODAY];

interface Case { name: string; args: string[]; exitCode: number; stdout?: (out: string) => void; stderr?: RegExp }

const cases: Case[] = [
  { name: 'json: exactly the contract keys, overdue first, then by due date, then by client; no done tasks; not README.md', args: json, exitCode: 0,
    stdout: (o) => {
      const items = parse(o);
      for (const i of items) assert.deepEqual(Object.keys(i), ['file', 'client', 'line', 'kind', 'text', 'owners', 'due', 'done', 'overdue']);
      assert.ok(items.every((i) => !i.done && i.file !== 'README.md'));
      const overdue = items.filter((i) => i.overdue);
      assert.deepEqual(items.slice(0, overdue.length), overdue);
      assert.deepEqual(overdue.map((i) => [i.file, i.line, i.due]), [['northwind.md', 35, '2026-11-20'], ['northwind.md', 72, '2026-11-30'], ['northwind.md', 86, '2026-12-01']]);
      const rest = items.slice(overdue.length);
      const dated = rest.filter((i) => i.due !== null);
      assert.deepEqual(rest.slice(0, dated.length), dated, 'undated items come last');
      for (let k = 1; k < dated.length; k++) {
        const a = dated[k - 1]!;
        const b = dated[k]!;
        assert.ok(a.due! < b.due! || (a.due === b.due && (a.client ?? '').localeCompare(b.client ?? '') <= 0), `${a.text} / ${b.text}`);
      }
      // Same day: 하늘 커피 and Northwind Bikes both have something due today, by client.
      const dueToday = items.filter((i) => i.due === TODAY).map((i) => i.client);
      assert.deepEqual(dueToday, [...dueToday].sort((a, b) => a!.localeCompare(b!)));
      assert.deepEqual(items.find((i) => i.text === '보고서 초안 작성'), { file: 'hanul.md', client: '하늘 커피', line: 14, kind: 'task', text: '보고서 초안 작성', owners: ['지은'], due: '2026-12-05', done: false, overdue: false });
      assert.deepEqual(items.find((i) => i.kind === 'follow-up' && i.file === 'hanul.md' && i.due === TODAY)?.text, '30일 점검');
    } },
  { name: '--all adds the done tasks', args: [...json, '--all'], exitCode: 0,
    stdout: (o) => {
      const done = parse(o).filter((i) => i.done);
      assert.ok(done.some((i) => i.text === '킥오프 회의' && i.owners[0] === '지은'));
      assert.ok(done.some((i) => i.text === 'Audit delivered'));
    } },
  { name: '--owner, with or without "@", any case; an item with two owners is theirs too', args: [...json, '--owner', '@SAM'], exitCode: 0,
    stdout: (o) => assert.deepEqual(parse(o).map((i) => i.text), ['Send the brand book', '메뉴 사진 받기', 'Check in the export']) },
  { name: '--owner matches a Korean name and a check-in\'s account owner', args: [...json, '--owner', '김지은'], exitCode: 0,
    stdout: (o) => assert.ok(parse(o).length > 0 && parse(o).every((i) => i.kind === 'follow-up' && i.client === '하늘 커피')) },
  { name: '--overdue lists the overdue items and exits 1', args: [...json, '--overdue'], exitCode: 1,
    stdout: (o) => assert.deepEqual(parse(o).map((i) => i.text), ['Review ad copy', '브랜드 가이드 공유', '30-day check-in']) },
  { name: '--overdue with nothing overdue exits 0 (the check-in due today is not overdue)', args: [...json, '--overdue', '--client', '하늘'], exitCode: 0,
    stdout: (o) => assert.deepEqual(parse(o), []) },
  { name: '--due-before keeps the items due before the date', args: [...json, '--due-before', '2026-12-05'], exitCode: 0,
    stdout: (o) => assert.ok(parse(o).length === 5 && parse(o).every((i) => i.due !== null && i.due < '2026-12-05')) },
  { name: '--client filters by client name (case-insensitive substring)', args: [...json, '--client', 'NORTHWIND'], exitCode: 0,
    stdout: (o) => assert.ok(parse(o).every((i) => i.file === 'northwind.md')) },
  { name: 'a path limits the playbooks', args: [...json, 'hanul.md'], exitCode: 0,
    stdout: (o) => assert.ok(parse(o).length > 0 && parse(o).every((i) => i.file === 'hanul.md')) },
  { name: 'stylish: one line per item, overdue marked, a count at the end', args: ['tasks', '--today', TODAY], exitCode: 0,
    stdout: (o) => {
      assert.match(o, /^overdue {2}2026-11-20 {2}Review ad copy {2}@dana\.reyes @hank {2}Northwind Bikes · northwind\.md:35$/m);
      assert.match(o, /^today {4}2026-12-02 {2}30일 점검 \(check-in\) {2}김지은 {2}하늘 커피 · hanul\.md:\d+$/m);
      assert.match(o, /\n\n\d+ items, 3 overdue\n$/);
    } },
  { name: 'markdown: a stand-up list with a heading per owner, unassigned last', args: ['tasks', '--today', TODAY, '--format', 'markdown'], exitCode: 0,
    stdout: (o) => {
      const headings = o.split('\n').filter((l) => l.startsWith('## '));
      assert.equal(headings.at(-1), '## Unassigned');
      assert.ok(headings.includes('## @sam') && headings.includes('## @dana.reyes') && headings.includes('## @hank') && headings.includes('## Priya Shah'));
      const sam = o.slice(o.indexOf('## @sam'), o.indexOf('\n## ', o.indexOf('## @sam') + 1));
      assert.match(sam, /- \[ \] 2026-12-10 · Send the brand book · Northwind Bikes \(\[northwind\.md:34\]\(northwind\.md#L34\)\)/);
      assert.match(o, /- \[ \] \*\*overdue\*\* 2026-11-20 · Review ad copy/);
    } },
  { name: 'an unknown format is a usage error', args: ['tasks', '--format', 'xml'], exitCode: 2, stderr: /unknown format "xml"/ },
  { name: 'a bad --today is a usage error', args: ['tasks', '--today', '2026-02-30'], exitCode: 2, stderr: /--today takes a date/ },
  { name: 'a bad --due-before is a usage error', args: ['tasks', '--due-before', 'friday'], exitCode: 2, stderr: /--due-before takes a date/ },
  { name: 'an unknown option is a usage error', args: ['tasks', '--frobnicate'], exitCode: 2, stderr: /frobnicate/ },
  { name: 'a missing path is a usage error', args: ['tasks', 'nope.md'], exitCode: 2, stderr: /no such file or folder/ },
  { name: 'help', args: ['tasks', '--help'], exitCode: 0, stdout: (o) => assert.match(o, /Usage: playbook-lint tasks/) },
];

describe('playbook-lint tasks (CLI table)', function () {
  this.timeout(60_000);
  for (const c of cases) {
    it(c.name, async () => {
      const r = await run(c.args);
      assert.equal(r.code, c.exitCode, `exit code (stderr: ${r.stderr})`);
      c.stdout?.(r.stdout);
      if (c.stderr) assert.match(r.stderr, c.stderr);
    });
  }

  it('ics: RFC 5545 that ical.js reads back; one all-day event per dated item, client in the summary, stable UIDs, undated items left out', async () => {
    const [ics, again, list] = await Promise.all([run(['tasks', '--today', TODAY, '--format', 'ics']), run(['tasks', '--today', TODAY, '--format', 'ics']), run(json)]);
    assert.equal(ics.code, 0);
    assert.equal(ics.stdout, again.stdout, 'the same input gives the same calendar');
    assert.ok(ics.stdout.split('\n').slice(0, -1).every((l) => l.endsWith('\r')), 'CRLF line endings');
    const calendar = new ICAL.Component(ICAL.parse(ics.stdout));
    const events = calendar.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    const items = parse(list.stdout);
    const dated = items.filter((i) => i.due !== null);
    assert.ok(items.length > dated.length, 'the fixture has undated items');
    assert.equal(events.length, dated.length);
    assert.equal(new Set(events.map((e) => e.uid)).size, events.length, 'one UID per item');
    for (const [k, e] of events.entries()) {
      const item = dated[k]!;
      assert.equal(e.startDate.isDate, true, 'all-day');
      assert.equal(e.startDate.toString(), item.due);
      assert.equal(e.summary, `${item.client}: ${item.text}`);
      assert.match(e.description, new RegExp(`^${item.file}:${item.line}`));
    }
    // The UID does not move with the line: the same task one line lower keeps it.
    const moved = mkdtempSync(join(tmpdir(), 'pl-tasks-'));
    try {
      cpSync(fixture, moved, { recursive: true });
      const { readFileSync, writeFileSync } = await import('node:fs');
      const path = join(moved, 'hanul.md');
      writeFileSync(path, readFileSync(path, 'utf8').replace('## 환영 및 킥오프\n', '## 환영 및 킥오프\n\n새 줄입니다.\n'));
      const after = new ICAL.Component(ICAL.parse((await run(['tasks', '--today', TODAY, '--format', 'ics'], moved)).stdout));
      const uid = (c: ICAL.Component, summary: string) => c.getAllSubcomponents('vevent').map((v) => new ICAL.Event(v)).find((e) => e.summary === summary)?.uid;
      assert.ok(uid(calendar, '하늘 커피: 보고서 초안 작성'));
      assert.equal(uid(after, '하늘 커피: 보고서 초안 작성'), uid(calendar, '하늘 커피: 보고서 초안 작성'));
    } finally {
      rmSync(moved, { recursive: true, force: true });
    }
  });

  it('the lint cache is keyed by the date: the same file linted on two days gives each day\'s results', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'pl-cache-'));
    try {
      const lint = (today: string) => run(['--format', 'json', '--cache-location', cache, '--today', today, 'northwind.md']);
      const ids = (o: string) => (JSON.parse(o) as Array<{ findings: Array<{ ruleId: string }> }>)[0]!.findings.map((f) => f.ruleId).filter((id) => id === 'follow-up-overdue');
      assert.deepEqual(ids((await lint('2026-12-01')).stdout), []);
      assert.deepEqual(ids((await lint('2026-12-02')).stdout), ['follow-up-overdue']);
      assert.deepEqual(ids((await lint('2026-12-01')).stdout), []);
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('tasks in the PR report (playbook-lint diff)', function () {
  this.timeout(120_000);

  it('lists the tasks and check-ins a change ticks off and those overdue at the head, per file, in JSON and Markdown', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pl-diff-tasks-'));
    const { execFileSync } = await import('node:child_process');
    const { readFileSync, writeFileSync } = await import('node:fs');
    const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd: dir, stdio: 'pipe' });
    try {
      git('init', '-q', '-b', 'main');
      const playbook = readFileSync(join(fixture, 'northwind.md'), 'utf8');
      writeFileSync(join(dir, 'northwind.md'), playbook);
      git('add', '.');
      git('commit', '-q', '-m', 'base');
      // Tick off a task (and record when), record the 30-day check-in; the lines move too.
      writeFileSync(join(dir, 'northwind.md'), playbook
        .replace('# Northwind Bikes onboarding playbook\n', '# Northwind Bikes onboarding playbook\n\nUpdated after the kickoff.\n')
        .replace('- [ ] Send the brand book @sam due:2026-12-10', '- [x] Send the brand book @sam due:2026-12-10 done:2026-12-01')
        .replace('- [ ] 3-month review (2027-02-01)', '- [ ] 3-month review (2027-02-01)\n- [x] 30-day check-in with Dana ✅ 2026-12-01'));
      const r = await run(['diff', '--base', 'main', '--format', 'json', '--today', TODAY], dir);
      assert.equal(r.code, 0, r.stderr);
      const [file] = (JSON.parse(r.stdout) as { files: Array<{ file: string; tasks: { ticked: Array<Record<string, unknown>>; overdue: Array<Record<string, unknown>> } }> }).files;
      assert.equal(file!.file, 'northwind.md');
      assert.deepEqual(file!.tasks.ticked.map((x) => [x['text'], x['line'], x['done']]), [['Send the brand book', 36, true], ['30-day check-in with Dana', 91, true]]);
      assert.deepEqual(Object.keys(file!.tasks.ticked[0]!), ['line', 'kind', 'text', 'owners', 'due', 'done', 'overdue']);
      assert.deepEqual(file!.tasks.overdue.map((x) => x['text']), ['Review ad copy', '브랜드 가이드 공유']);
      const md = await run(['diff', '--base', 'main', '--format', 'markdown', '--today', TODAY], dir);
      assert.match(md.stdout, /\*\*Tasks and check-ins ticked off\*\*\n\n- \[x\] Send the brand book \(line 36\)\n- \[x\] 30-day check-in with Dana \(line 91\)/);
      assert.match(md.stdout, /\*\*Overdue tasks and check-ins\*\*\n\n- ⏰ Review ad copy · due 2026-11-20 · @dana.reyes @hank \(line 37\)/);
      const stylish = await run(['diff', '--base', 'main', '--today', TODAY], dir);
      assert.match(stylish.stdout, /ticked off {2}Send the brand book {2}line 36/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('task text fast paths', () => {
  // stripTokens and the token readers skip their Unicode regexes when the text cannot hold
  // a token or anything to fold; the result must be what the full path gives.
  const full = (text: string): string => {
    let out = text;
    for (const t of [...dateTokens(`${text}:`).filter((d) => d.index + d.raw.length <= text.length).map((d) => ({ index: d.index, length: d.raw.length })),
      ...ownerTokens(`${text}@`).filter((o) => o.index + o.length <= text.length).map((o) => ({ index: o.index, length: o.length }))].sort((a, b) => b.index - a.index)) {
      out = out.slice(0, t.index) + out.slice(t.index + t.length);
    }
    return out.replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').replace(/[\s,;:–—-]+$/u, '').trim();
  };
  it('strips and folds exactly as the full path does', () => {
    const piece = fc.constantFrom('a', 'Send', ' ', '  ', '\t', '\n', '\u00a0', ',', '.', '-', '—', '@sam', 'x@y.z', 'due:2026-12-01', 'done:', '📅 2026-01-02', '✅', ':', '마감:2026-12-01', '고객');
    fc.assert(fc.property(fc.array(piece, { maxLength: 12 }), (parts) => {
      const text = parts.join('');
      assert.equal(stripTokens(text), full(text));
    }), { numRuns: 2000 });
  });
});
