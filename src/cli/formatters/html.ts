// The lead's report: one self-contained HTML page (inline CSS and SVG, no script needed
// to read it, nothing fetched) built from the same entries `--format json` prints. Pure:
// no fs, no vscode, no node: imports, so the CLI (`playbook-lint report`, `--format html`)
// and the extension's webview (theme "vscode": the editor's colours, a nonce'd script
// that posts clicks back) render the same page. Escaped by construction: text reaches
// the page only through the `h` template tag, which escapes every value it is given.
import { translator, type Translate } from '../../core/messages/index.js';
import type { Locale, MissingKind, Severity } from '../../core/types.js';

/** What the report reads of a file: its `--format json` entry (a FileResult fits), plus its owner. */
export interface ReportEntry {
  file: string;
  client: string | null;
  /** The playbook's account_owner; null or absent when it names none. */
  owner?: string | null | undefined;
  completeness: { score: number; missing: ReadonlyArray<ReportMissing> };
  findings: ReadonlyArray<{ severity: Severity }>;
}

export interface ReportMissing {
  kind: MissingKind;
  id: string;
  title: string;
  /** 1-based line to open (0 or absent: not known). */
  line?: number;
  /** The owners a task names (`@sam`); absent when it names none. */
  owners?: string[];
}

/**
 * Who answers for an overdue item that names no owner: by default the playbook's
 * account_owner (a check-in, or a task without `@name`). A task that names owners is
 * listed under each of them.
 */
export type OwnerOf = (entry: ReportEntry, item: ReportMissing) => string | null;
export const playbookOwner: OwnerOf = (entry) => entry.owner?.trim() || null;

export type Band = 'behind' | 'progress' | 'complete';
export function bandOf(score: number): Band {
  return score >= 100 ? 'complete' : score >= 60 ? 'progress' : 'behind';
}

export interface ReportRow {
  /** Index of the entry in the input (what a click in the webview sends back). */
  index: number;
  entry: ReportEntry;
  /** The client's name, or the file name when the playbook names no client. */
  name: string;
  score: number;
  band: Band;
}

export interface MissingSection {
  id: string;
  /** The title written most often for it (ties: the first seen). */
  title: string;
  /** Playbooks missing it. */
  count: number;
  /** Those playbooks, in the rows' order. */
  rows: Array<{ row: ReportRow; item: ReportMissing }>;
}

export interface OwnerGroup {
  /** null: no owner. */
  owner: string | null;
  items: Array<{ row: ReportRow; item: ReportMissing }>;
}

export interface ReportModel {
  date: string;
  playbooks: number;
  /** Distinct clients (a playbook without a client counts as its own). */
  clients: number;
  /** Average completeness, rounded down (as the stylish summary). */
  average: number;
  errors: number;
  warnings: number;
  /** Least complete first; ties by name, then file. */
  rows: ReportRow[];
  /** Most often missing first; ties by title. */
  missingSections: MissingSection[];
  /** Owners in name order, "no owner" last. */
  overdue: OwnerGroup[];
}

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function nameOf(e: ReportEntry): string {
  return e.client?.trim() || e.file.slice(e.file.lastIndexOf('/') + 1);
}

/** The rows, least complete first. */
export function sortRows(entries: ReadonlyArray<ReportEntry>): ReportRow[] {
  return entries.map((entry, index) => ({ index, entry, name: nameOf(entry), score: entry.completeness.score, band: bandOf(entry.completeness.score) }))
    .sort((a, b) => a.score - b.score || compare(a.name, b.name) || compare(a.entry.file, b.entry.file));
}

/** Missing sections across playbooks, most often missing first (each playbook counts once per section). */
export function rankMissingSections(rows: ReadonlyArray<ReportRow>): MissingSection[] {
  const byId = new Map<string, { titles: Map<string, number>; rows: MissingSection['rows'] }>();
  for (const row of rows) {
    const seen = new Set<string>();
    for (const item of row.entry.completeness.missing) {
      if (item.kind !== 'section' || seen.has(item.id)) continue;
      seen.add(item.id);
      const g = byId.get(item.id) ?? { titles: new Map<string, number>(), rows: [] };
      g.titles.set(item.title, (g.titles.get(item.title) ?? 0) + 1);
      g.rows.push({ row, item });
      byId.set(item.id, g);
    }
  }
  return [...byId].map(([id, g]) => {
    let title = '';
    let best = 0;
    for (const [t, n] of g.titles) if (n > best) { title = t; best = n; }
    return { id, title, count: g.rows.length, rows: g.rows };
  }).sort((a, b) => b.count - a.count || compare(a.title, b.title) || compare(a.id, b.id));
}

/** Overdue check-ins (follow-ups) and open tasks, grouped by who answers for them. */
export function overdueByOwner(rows: ReadonlyArray<ReportRow>, ownerOf: OwnerOf = playbookOwner): OwnerGroup[] {
  const groups = new Map<string | null, OwnerGroup['items']>();
  for (const row of rows) {
    for (const item of row.entry.completeness.missing) {
      if (item.kind !== 'task' && item.kind !== 'follow-up') continue;
      for (const owner of item.owners?.length ? item.owners : [ownerOf(row.entry, item)]) {
        const list = groups.get(owner) ?? [];
        list.push({ row, item });
        groups.set(owner, list);
      }
    }
  }
  return [...groups].map(([owner, items]) => ({ owner, items }))
    .sort((a, b) => (a.owner === null ? 1 : b.owner === null ? -1 : compare(a.owner, b.owner)));
}

export function buildReport(entries: ReadonlyArray<ReportEntry>, options: { date: string; ownerOf?: OwnerOf | undefined }): ReportModel {
  const rows = sortRows(entries);
  let errors = 0;
  let warnings = 0;
  for (const e of entries) for (const f of e.findings) { if (f.severity === 'error') errors++; else if (f.severity === 'warning') warnings++; }
  const total = entries.reduce((s, e) => s + e.completeness.score, 0);
  return {
    date: options.date,
    playbooks: entries.length,
    clients: new Set(rows.map((r) => r.name)).size,
    average: entries.length ? Math.floor(total / entries.length) : 0,
    errors, warnings, rows,
    missingSections: rankMissingSections(rows),
    overdue: overdueByOwner(rows, options.ownerOf),
  };
}

// ------------------------------------------------------------------ escaping by construction

/** Markup made by `h` (already escaped). Nothing else is inserted into the page unescaped. */
export class Html {
  constructor(readonly text: string) {}
  toString(): string { return this.text; }
}
type Value = Html | string | number | null | undefined | false | ReadonlyArray<Value>;

const SPECIAL = /[&<>"']/;
function escape(s: string): string {
  if (!SPECIAL.test(s)) return s;
  return s.replace(/[&<>"']/g, (c) => (c === '&' ? '&amp;' : c === '<' ? '&lt;' : c === '>' ? '&gt;' : c === '"' ? '&quot;' : '&#39;'));
}
function show(v: Value): string {
  if (v instanceof Html) return v.text;
  if (Array.isArray(v)) return v.map(show).join('');
  if (v === null || v === undefined || v === false) return '';
  return escape(String(v));
}
/** The page's only template: literal markup, escaped values. */
export function h(strings: TemplateStringsArray, ...values: Value[]): Html {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) out += show(values[i]!) + strings[i + 1]!;
  return new Html(out);
}

// ------------------------------------------------------------------ the page

export interface HtmlOptions {
  locale: Locale;
  /** The report's date (YYYY-MM-DD). */
  date: string;
  /** Where a playbook (at a line) links to; undefined: no link. */
  href?: ((entry: ReportEntry, line?: number) => string | undefined) | undefined;
  /** "standalone" (default): a file to mail or attach; "vscode": a webview that follows the editor's theme. */
  theme?: 'standalone' | 'vscode';
  /** For the webview: the CSP nonce of its one style and one script. */
  nonce?: string;
  ownerOf?: OwnerOf | undefined;
}

/** Rows per printed page. */
export const ROWS_PER_PAGE = 40;

// Okabe-Ito: told apart with every common colour-vision deficiency; the number is written on each bar too.
const FONT = `system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Noto Sans CJK KR", "Noto Sans KR", "Apple SD Gothic Neo", "Malgun Gothic", "Nanum Gothic", sans-serif`;
const STANDALONE_VARS = `--fg:#1f2328;--bg:#ffffff;--muted:#59636e;--border:#d1d9e0;--track:#eef1f4;--link:#0969da;--panel:#f6f8fa;--font:${FONT};`;
const VSCODE_VARS = `--fg:var(--vscode-foreground);--bg:var(--vscode-editor-background);--muted:var(--vscode-descriptionForeground);`
  + `--border:var(--vscode-panel-border,var(--vscode-widget-border,#8884));--track:var(--vscode-editorWidget-background,#8882);`
  + `--link:var(--vscode-textLink-foreground);--panel:var(--vscode-sideBar-background,transparent);--font:var(--vscode-font-family),${FONT};`;

const CSS = `
:root{--behind:#D55E00;--progress:#E69F00;--complete:#009E73}
*{box-sizing:border-box}
body{margin:0;padding:24px;max-width:1100px;font-family:var(--font);font-size:14px;line-height:1.45;color:var(--fg);background:var(--bg)}
h1{font-size:22px;margin:0 0 4px}h2{font-size:17px;margin:28px 0 10px}
.date{color:var(--muted);margin:0 0 16px}
a{color:var(--link)}
.totals{display:flex;flex-wrap:wrap;gap:12px;margin:0;padding:0}
.totals div{background:var(--panel);border:1px solid var(--border);border-radius:6px;padding:8px 14px;min-width:120px}
.totals dt{color:var(--muted);font-size:12px}.totals dd{margin:0;font-size:20px;font-weight:600}
.legend{display:flex;flex-wrap:wrap;gap:16px;margin:0 0 8px;padding:0;list-style:none;color:var(--muted);font-size:12px}
.legend li::before{content:"";display:inline-block;width:12px;height:12px;border-radius:2px;margin-right:6px;vertical-align:-2px;background:var(--c)}
.legend .behind{--c:var(--behind)}.legend .progress{--c:var(--progress)}.legend .complete{--c:var(--complete)}
.rows{list-style:none;margin:0;padding:0}
.row{display:grid;grid-template-columns:minmax(0,2fr) minmax(0,3fr) 110px;gap:12px;align-items:center;padding:3px 0;border-bottom:1px solid var(--border);break-inside:avoid}
.who{overflow:hidden;text-overflow:ellipsis;white-space:nowrap}.who small{color:var(--muted);margin-left:6px}
.bar{position:relative;display:block;height:20px;text-decoration:none}
.bar svg{display:block;width:100%;height:20px}
.bar .track{fill:var(--track)}.bar .behind{fill:var(--behind)}.bar .progress{fill:var(--progress)}.bar .complete{fill:var(--complete)}
.score{position:absolute;left:4px;top:2px;height:16px;padding:0 6px;border-radius:8px;background:#fff;color:#000;font-size:12px;font-weight:600;line-height:16px}
.row details,.ranked details{font-size:12px;color:var(--muted)}
.row details[open]{grid-column:1/-1;padding-left:16px}.row details[open] ul{columns:2 280px}
.row details ul,.ranked details ul,.owners ul{margin:4px 0 4px 18px;padding:0}
.ranked{margin:0;padding-left:28px}.ranked li{margin:2px 0}.ranked .count{color:var(--muted);margin-left:8px}
.owners h3{font-size:14px;margin:14px 0 4px}
.kind{display:inline-block;min-width:70px;color:var(--muted);font-size:12px}
.empty{color:var(--muted)}
[data-i]{cursor:pointer}
.toolbar{float:right}
.toolbar button{font:inherit;color:var(--vscode-button-foreground,#fff);background:var(--vscode-button-background,#0969da);border:0;border-radius:2px;padding:4px 12px;cursor:pointer}
@media print{
  @page{size:A4;margin:12mm}
  body{padding:0;max-width:none;font-size:9pt;-webkit-print-color-adjust:exact;print-color-adjust:exact}
  .toolbar,.row details{display:none}
  .page+.page{break-before:page}
  h1{font-size:15pt}h2{font-size:11pt;margin:4mm 0 2mm}.date{margin:0 0 2mm}
  .totals div{padding:1mm 3mm;min-width:0}.totals dt{font-size:7pt}.totals dd{font-size:11pt}
  .row{height:5.2mm;padding:0;grid-template-columns:2fr 3fr 1fr}
  .bar,.bar svg{height:4mm}.score{top:0.2mm;height:3.6mm;line-height:3.6mm;font-size:7.5pt}
  a{color:inherit;text-decoration:none}
  h2{break-after:avoid}.ranked li,.owners li{break-inside:avoid}
}`;

// The webview's script: clicks on [data-i] (a bar, a missing item) and the export button go to the extension.
const SCRIPT = `(function(){const vscode=acquireVsCodeApi();
function act(e){const t=e.target.closest('[data-i],#export');if(!t)return;e.preventDefault();
if(t.id==='export'){vscode.postMessage({type:'export'});return;}
vscode.postMessage({type:'open',index:Number(t.dataset.i),line:Number(t.dataset.line||0)});}
document.addEventListener('click',act);
document.addEventListener('keydown',function(e){if(e.key==='Enter'||e.key===' ')act(e);});})();`;

export function formatHtml(entries: ReadonlyArray<ReportEntry>, options: HtmlOptions): string {
  const t = translator(options.locale);
  const model = buildReport(entries, { date: options.date, ownerOf: options.ownerOf });
  return renderReport(model, options, t);
}

export function renderReport(model: ReportModel, options: HtmlOptions, t: Translate = translator(options.locale)): string {
  const webview = options.theme === 'vscode';
  const nonce = options.nonce ?? '';
  // A link: an <a href> in the file; in the webview an element whose click the script posts.
  const link = (row: ReportRow, line: number | undefined, cls: string, body: Html, label?: string): Html => {
    const l = line && line > 0 ? line : undefined;
    if (webview) return h`<a class="${cls}" role="button" tabindex="0" data-i="${row.index}" data-line="${l ?? 0}"${label ? h` aria-label="${label}"` : ''}>${body}</a>`;
    const href = options.href?.(row.entry, l);
    // An item whose link would only repeat its playbook's (a local file has no line anchor) is plain text: the page stays small.
    if (l !== undefined && cls === 'item' && href === options.href?.(row.entry)) return body;
    return href ? h`<a class="${cls}" href="${href}"${label ? h` aria-label="${label}"` : ''}>${body}</a>` : h`<span class="${cls}"${label ? h` aria-label="${label}"` : ''}>${body}</span>`;
  };
  const kind = (k: MissingKind) => (k === 'task' ? t('report.kind-task') : k === 'follow-up' ? t('report.kind-follow-up') : k);

  const rowHtml = (row: ReportRow): Html => {
    const missing = row.entry.completeness.missing;
    const label = t('report.bar-label', { client: row.name, score: row.score, count: missing.length });
    const bar = h`<svg viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true"><rect class="track" width="100" height="10"/><rect class="${row.band}" width="${row.score}" height="10"/></svg><span class="score">${row.score}%</span>`;
    const details = missing.length
      ? h`<details><summary>${t('report.missing', { count: missing.length })}</summary><ul>${missing.map((m) => h`<li>${link(row, m.line, 'item', h`${m.title}`)}</li>`)}</ul></details>`
      : h`<span></span>`;
    return h`<li class="row ${row.band}" data-score="${row.score}"><span class="who">${link(row, undefined, 'client', h`${row.name}`)}<small>${row.entry.file}</small></span>${link(row, undefined, 'bar', bar, label)}${details}</li>`;
  };

  const pages: Html[] = [];
  for (let i = 0; i < model.rows.length; i += ROWS_PER_PAGE) {
    pages.push(h`<section class="page"><ol class="rows">${model.rows.slice(i, i + ROWS_PER_PAGE).map(rowHtml)}</ol></section>`);
  }

  const ranked = model.missingSections.length
    ? h`<ol class="ranked">${model.missingSections.map((s) => h`<li data-section="${s.id}"><strong>${s.title}</strong><span class="count" data-count="${s.count}">${t('report.missing-in', { count: s.count, total: model.playbooks })}</span><details><summary>${s.rows.map((r) => r.row.name).slice(0, 3).join(', ')}${s.rows.length > 3 ? ' …' : ''}</summary><ul>${s.rows.map(({ row, item }) => h`<li>${link(row, item.line, 'item', h`${row.name}`)} <small>${row.entry.file}</small></li>`)}</ul></details></li>`)}</ol>`
    : h`<p class="empty">${t('report.none-missing')}</p>`;

  // Per owner, one line per playbook: the client, then its overdue items.
  const byPlaybook = (items: OwnerGroup['items']): Html[] => {
    const out: Html[] = [];
    for (let i = 0; i < items.length;) {
      const row = items[i]!.row;
      let j = i;
      while (j < items.length && items[j]!.row === row) j++;
      out.push(h`<li>${link(row, undefined, 'client', h`${row.name}`)}<ul>${items.slice(i, j).map(({ item }) => h`<li><span class="kind">${kind(item.kind)}</span>${link(row, item.line, 'item', h`${item.title}`)}</li>`)}</ul></li>`);
      i = j;
    }
    return out;
  };
  const overdue = model.overdue.length
    ? h`<div class="owners">${model.overdue.map((g) => h`<h3 data-owner="${g.owner ?? ''}">${g.owner ?? t('report.no-owner')} <small>(${g.items.length})</small></h3><ul>${byPlaybook(g.items)}</ul>`)}</div>`
    : h`<p class="empty">${t('report.none-overdue')}</p>`;

  const csp = webview
    ? `default-src 'none'; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}'; base-uri 'none'; form-action 'none'`
    : `default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'`;
  const vars = webview ? VSCODE_VARS : STANDALONE_VARS;
  const title = t('report.title');
  const body = h`<header>${webview ? h`<div class="toolbar"><button id="export" type="button">${t('report.export')}</button></div>` : ''}<h1>${title}</h1>
<p class="date">${t('report.date', { date: model.date })}</p>
<dl class="totals"><div><dt>${t('report.clients')}</dt><dd data-total="clients">${model.clients}</dd></div><div><dt>${t('report.playbooks')}</dt><dd data-total="playbooks">${model.playbooks}</dd></div><div><dt>${t('report.average')}</dt><dd data-total="average">${model.average}%</dd></div><div><dt>${t('report.errors')}</dt><dd data-total="errors">${model.errors}</dd></div><div><dt>${t('report.warnings')}</dt><dd data-total="warnings">${model.warnings}</dd></div></dl></header>
<main><h2>${t('report.by-client')}</h2>
<ul class="legend"><li class="behind">${t('report.band-behind')}</li><li class="progress">${t('report.band-progress')}</li><li class="complete">${t('report.band-complete')}</li></ul>
${pages.length ? pages : h`<p class="empty">${t('report.empty')}</p>`}
<h2>${t('report.missing-sections')}</h2>${ranked}
<h2>${t('report.overdue')}</h2>${overdue}</main>`;
  return `<!DOCTYPE html>\n<html lang="${escape(options.locale)}"><head><meta charset="utf-8">`
    + `<meta http-equiv="Content-Security-Policy" content="${escape(csp)}">`
    + `<meta name="viewport" content="width=device-width, initial-scale=1"><meta name="color-scheme" content="${webview ? 'light dark' : 'light'}">`
    + `<title>${escape(`${title} · ${model.date}`)}</title>`
    + `<style${webview ? ` nonce="${escape(nonce)}"` : ''}>:root{${vars}}${CSS}</style></head>\n<body>${body.text}`
    + (webview ? `<script nonce="${escape(nonce)}">${SCRIPT}</script>` : '')
    + '</body></html>\n';
}
