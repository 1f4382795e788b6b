// `playbook-lint report` and `--format html`: the page matches the JSON of the same run
// (every playbook with its score, least complete first; the missing sections ranked by
// the counts the JSON gives; the totals), names are text, links work where the page is
// opened, and nothing in it loads anything. (The page in a real browser: scripts/e2e-run.mjs,
// group "report".)
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildReport, formatHtml, h, overdueByOwner, ROWS_PER_PAGE, sortRows, type ReportEntry } from '../../src/cli/formatters/html.js';
import { ROOT } from './helpers.js';
import { fromStored, storedJson, toStored } from '../../src/node/output.js';

const bin = join(ROOT, 'bin/playbook-lint.js');
const fixtures = join(ROOT, 'test/fixtures/report');
const TODAY = '2026-11-25';
const common = ['--no-cache', '--today', TODAY];

interface Run { code: number; stdout: string; stderr: string }
function run(args: string[], cwd = ROOT): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd, env: { ...process.env, LANG: 'C', NO_COLOR: '1' }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

interface JsonEntry { file: string; client: string | null; completeness: { score: number; missing: Array<{ kind: string; id: string; title: string }> }; findings: Array<{ severity: string }> }

const unescape = (s: string) => s.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&');

/** The bar rows of a page, in order: score, the client's name and the file, as shown. */
function rows(html: string): Array<{ score: number; name: string; file: string }> {
  return [...html.matchAll(/<li class="row \w+" data-score="(\d+)"><span class="who"><(?:a|span)[^>]*>([^<]*)<\/(?:a|span)><small>([^<]*)<\/small>/g)]
    .map((m) => ({ score: Number(m[1]), name: unescape(m[2]!), file: unescape(m[3]!) }));
}

function ranked(html: string): Array<{ id: string; count: number }> {
  return [...html.matchAll(/<li data-section="([^"]+)"><strong>[^<]*<\/strong><span class="count" data-count="(\d+)">/g)].map((m) => ({ id: m[1]!, count: Number(m[2]) }));
}

describe('HTML report', () => {
  let json: JsonEntry[];
  let html: string;
  before(async () => {
    const [j, r] = await Promise.all([run(['test/fixtures/report', '--format', 'json', ...common]), run(['report', 'test/fixtures/report', ...common])]);
    json = JSON.parse(j.stdout) as JsonEntry[];
    html = r.stdout;
    assert.equal(r.code, j.code, 'the same exit code as the lint');
    assert.equal(json.length, 5);
  });

  it('lists every playbook of the JSON with its score, least complete first', () => {
    const expected = [...json].sort((a, b) => a.completeness.score - b.completeness.score
      || ((a.client ?? '') < (b.client ?? '') ? -1 : (a.client ?? '') > (b.client ?? '') ? 1 : 0));
    assert.deepEqual(rows(html), expected.map((e) => ({ score: e.completeness.score, name: e.client!, file: e.file })));
  });

  it('ranks the missing sections with the counts the JSON gives', () => {
    const counts = new Map<string, number>();
    for (const e of json) for (const id of new Set(e.completeness.missing.filter((m) => m.kind === 'section').map((m) => m.id))) counts.set(id, (counts.get(id) ?? 0) + 1);
    const got = ranked(html);
    assert.deepEqual(new Map(got.map((g) => [g.id, g.count])), counts);
    for (let i = 1; i < got.length; i++) assert.ok(got[i - 1]!.count >= got[i]!.count, 'most often missing first');
    assert.deepEqual(got.slice(0, 2).map((g) => g.count), [3, 3]); // brand and billing: Bright Bakery, Northwind, the hostile one
  });

  it('gives the totals: clients, average, errors, warnings and the date', () => {
    const total = (k: string) => new RegExp(`data-total="${k}">([^<]*)<`).exec(html)?.[1];
    assert.equal(total('clients'), String(new Set(json.map((e) => e.client)).size));
    assert.equal(total('playbooks'), String(json.length));
    assert.equal(total('average'), `${Math.floor(json.reduce((s, e) => s + e.completeness.score, 0) / json.length)}%`);
    assert.equal(total('errors'), String(json.reduce((n, e) => n + e.findings.filter((f) => f.severity === 'error').length, 0)));
    assert.equal(total('warnings'), String(json.reduce((n, e) => n + e.findings.filter((f) => f.severity === 'warning').length, 0)));
    assert.match(html, /Report of 2026-11-25/);
  });

  it('groups overdue check-ins and tasks by the playbook\'s account_owner', () => {
    const owners = [...html.matchAll(/<h3 data-owner="([^"]*)">/g)].map((m) => unescape(m[1]!));
    // Bright Bakery's Marco Silva, the hostile owner (as text), Northwind's none last.
    assert.deepEqual(owners, ['<script>document.title=\'owned\'</script>', 'Marco Silva', '']);
    assert.match(html, /<h3 data-owner="">No owner <small>\(3\)<\/small>/);
  });

  it('shows hostile names as text: no markup from the playbooks reaches the page', () => {
    assert.ok(!html.includes('<img'), 'no <img> element');
    assert.equal(html.match(/<script/g), null, 'no script element at all in the standalone page');
    assert.ok(html.includes('&lt;img src=x onerror=&quot;document.title=&#39;pwned&#39;&quot;&gt;'));
    assert.ok(html.includes('&lt;script&gt;document.title=&#39;owned&#39;&lt;/script&gt;'));
  });

  it('loads nothing: a CSP that forbids every fetch, no src, no url(), no @import, no link elements', () => {
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; style-src &#39;unsafe-inline&#39;;/);
    // (attribute values blanked: an escaped name in an aria-label is text)
    assert.equal(/<[^>]*\s(src|srcset|poster|data)=|url\(|@import|<link\b|<iframe|<object|<embed/i.exec(html.replace(/"[^"]*"/g, '""')), null);
  });

  it('links each playbook relative to the current folder on stdout', () => {
    assert.match(html, /<a class="client" href="\.\/test\/fixtures\/report\/northwind\.md">Northwind Traders<\/a>/);
  });

  it('--html FILE writes the page with links relative to its folder and prints nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-lint-report-'));
    try {
      const file = join(dir, 'out', 'report.html');
      const r = await run(['report', fixtures, '--html', file, ...common]);
      assert.equal(r.stdout, '');
      assert.match(r.stderr, /report of 5 playbooks written to/);
      const page = readFileSync(file, 'utf8');
      const href = /<a class="client" href="([^"]+)">Northwind Traders/.exec(page)?.[1];
      assert.ok(href && existsSync(join(dir, 'out', decodeURIComponent(href))), href);
      assert.deepEqual(rows(page).map((x) => x.score), rows(html).map((x) => x.score));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('--link-base links to the forge with the path from the repository root and the line', async () => {
    const r = await run(['report', 'test/fixtures/report', '--link-base', 'https://github.com/o/r/blob/main', ...common]);
    assert.match(r.stdout, /href="https:\/\/github\.com\/o\/r\/blob\/main\/test\/fixtures\/report\/northwind\.md"/);
    assert.match(r.stdout, /href="https:\/\/github\.com\/o\/r\/blob\/main\/test\/fixtures\/report\/bright-bakery\.md#L\d+"/);
    const bad = await run(['report', 'test/fixtures/report', '--link-base', 'javascript:alert(1)//', ...common]);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--link-base takes an http\(s\) URL/);
  });

  it('--locale ko gives Korean labels; Hangul names render as they are', async () => {
    const r = await run(['report', 'test/fixtures/report', '--locale', 'ko', ...common]);
    assert.match(r.stdout, /<html lang="ko">/);
    for (const label of ['온보딩 완성도', '가장 자주 빠진 섹션', '담당자별 기한이 지난 점검 및 작업', '담당자 없음', '2026-11-25 기준 보고서']) assert.ok(r.stdout.includes(label), label);
    assert.ok(r.stdout.includes('>한빛 코스메틱<'));
    assert.match(r.stdout, /font-family:var\(--font\)/);
    assert.match(r.stdout, /"Noto Sans CJK KR"/);
  });

  it('the lint command takes --format html too; a second run from the cache gives the same page', async () => {
    const cache = mkdtempSync(join(tmpdir(), 'playbook-lint-report-cache-'));
    try {
      const args = ['test/fixtures/report', '--format', 'html', '--today', TODAY, '--cache-location', cache];
      const first = await run(args);
      const second = await run(args);
      assert.equal(first.stdout, html);
      assert.equal(second.stdout, html, 'owners and lines come back from the cache');
    } finally {
      rmSync(cache, { recursive: true, force: true });
    }
  });
});

describe('HTML report model', () => {
  const entry = (client: string, score: number, missing: ReportEntry['completeness']['missing'] = [], owner: string | null = null): ReportEntry =>
    ({ file: `${client.toLowerCase()}.md`, client, owner, completeness: { score, missing }, findings: [] });

  it('prints one page per 40 clients and keeps every bar whole', () => {
    const entries = Array.from({ length: 2 * ROWS_PER_PAGE + 5 }, (_, i) => entry(`Client ${String(i).padStart(3, '0')}`, i % 101));
    const page = formatHtml(entries, { locale: 'en', date: TODAY });
    assert.equal(page.match(/<section class="page">/g)?.length, 3);
    assert.match(page, /@media print\{[^]*\.page\+\.page\{break-before:page\}/);
    assert.match(page, /\.row\{[^}]*break-inside:avoid/);
  });

  it('sorts by score, then name, then file', () => {
    const order = sortRows([entry('B', 50), entry('A', 50), entry('C', 10), entry('A', 100)]).map((r) => `${r.name}${r.score}`);
    assert.deepEqual(order, ['C10', 'A50', 'B50', 'A100']);
  });

  it('takes an owner per item when one is given (tasks that name their owner)', () => {
    const rows = sortRows([entry('A', 50, [{ kind: 'task', id: 't1', title: 'Call @kim', line: 3 }, { kind: 'follow-up', id: 'f', title: '30-day check-in', line: 9 }], 'Lee')]);
    const byItem = overdueByOwner(rows, (e, item) => (item.title.includes('@kim') ? 'Kim' : e.owner ?? null));
    assert.deepEqual(byItem.map((g) => [g.owner, g.items.map((i) => i.item.id)]), [['Kim', ['t1']], ['Lee', ['f']]]);
    assert.deepEqual(overdueByOwner(rows).map((g) => g.owner), ['Lee']);
  });

  it('lists a task that names owners (@sam @kim) under each of them, the rest under the playbook\'s owner', () => {
    const rows = sortRows([entry('A', 50, [{ kind: 'task', id: 't1', title: 'Call', line: 3, owners: ['sam', 'kim'] },
      { kind: 'task', id: 't2', title: 'Send', line: 4 }, { kind: 'follow-up', id: 'f', title: '30-day check-in', line: 9 }], 'Lee')]);
    const groups = new Map(overdueByOwner(rows).map((g) => [g.owner, g.items.map((i) => i.item.id)]));
    assert.deepEqual(groups, new Map<string | null, string[]>([['kim', ['t1']], ['Lee', ['t2', 'f']], ['sam', ['t1']]]));
  });

  it('carries a task\'s owners through the stored output (a warm run reports them too)', () => {
    const stored = toStored({ client: 'A', owner: 'Lee', lang: 'en', findings: [],
      completeness: { score: 50, missing: [{ kind: 'task', id: 't1', title: 'Call', line: 3, owners: ['sam'] }, { kind: 'follow-up', id: 'f', title: 'x', line: 9 }] } });
    assert.deepEqual(fromStored(stored).completeness.missing.map((m) => m.owners), [['sam'], undefined]);
    assert.ok(!storedJson(stored).includes('sam'), 'owners stay out of the --format json contract');
  });

  it('escapes every value it is given, keeps only its own markup', () => {
    assert.equal(h`<b title="${'"x" & <y>'}">${"<i>it's</i>"}</b>`.text, '<b title="&quot;x&quot; &amp; &lt;y&gt;">&lt;i&gt;it&#39;s&lt;/i&gt;</b>');
    assert.equal(h`<p>${[h`<br>`, '<br>']}</p>`.text, '<p><br>&lt;br&gt;</p>');
  });

  it('the webview flavour: theme variables, a nonce on its one style and one script, no inline handlers', () => {
    const page = formatHtml([entry('<img src=x onerror=alert(1)>', 40, [{ kind: 'section', id: 'goals', title: 'Goals', line: 12 }])], { locale: 'en', date: TODAY, theme: 'vscode', nonce: 'abc123' });
    assert.match(page, /content="default-src &#39;none&#39;; style-src &#39;nonce-abc123&#39;; script-src &#39;nonce-abc123&#39;;/);
    assert.match(page, /--fg:var\(--vscode-foreground\)/);
    assert.equal(page.match(/<script/g)?.length, 1);
    assert.match(page, /<script nonce="abc123">/);
    assert.match(page, /<style nonce="abc123">/);
    assert.ok(!/\son\w+=/.test(page.replace(/&lt;img src=x onerror=alert\(1\)&gt;/g, '')), 'no on*= attribute');
    assert.match(page, /data-i="0" data-line="12"/);
    assert.match(page, /<button id="export"/);
    assert.equal(buildReport([], { date: TODAY }).average, 0);
  });
});
