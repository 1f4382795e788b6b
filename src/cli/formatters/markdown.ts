// Markdown a person wants to read: the job summary of `playbook-lint --format
// markdown` and the pull-request comment of `playbook-lint diff --format markdown`.
// Stable output (sorted, no timestamps), so a bot can keep updating one sticky comment.
import type { Finding, Locale, MissingItem, Severity } from '../../core/types.js';
import type { DiffFile, DiffReport, DiffTask } from '../../node/diff-report.js';
import { secretFindings } from '../../node/diff-secrets.js';
import type { FileResult } from '../../node/lint-files.js';
import type { FormatContext } from './context.js';


export interface DiffMarkdownOptions {
  locale?: Locale;
  /** Prefix for links to files at the head, e.g. `https://github.com/o/r/blob/SHA/`; plain `file:line` without it. */
  linkBase?: string;
}

/** The first line of the PR comment: a marker a bot finds to update its one comment. */
export const STICKY_MARKER = '<!-- playbook-lint-diff -->';
const MAX_ITEMS = 50;
const MAX_CHARS = 60_000; // GitHub comments hold 65,536 characters.

const TEXT = {
  en: {
    title: 'Playbook Lint',
    diffTitle: 'Playbook Lint: onboarding completeness',
    noChange: 'No playbooks changed.',
    changed: (n: number) => `${n} playbook${n === 1 ? '' : 's'} changed`,
    more: (n: number) => `${n} more complete`,
    less: (n: number) => `${n} less complete`,
    same: (n: number) => `${n} unchanged`,
    added: (n: number) => `${n} new`,
    removed: (n: number) => `${n} removed`,
    problems: (n: number, e: number) => `${n} new problem${n === 1 ? '' : 's'}${e ? ` (${e} error${e === 1 ? '' : 's'})` : ''}`,
    fixedCount: (n: number) => `${n} fixed`,
    cols: ['Client', 'File', 'Before', 'After', 'New problems', 'Fixed'],
    lintCols: ['Client', 'File', 'Completeness', 'Errors', 'Warnings'],
    errors: (n: number) => `${n} error${n === 1 ? '' : 's'}`,
    warnings: (n: number) => `${n} warning${n === 1 ? '' : 's'}`,
    lintHeadline: (n: number, e: number, w: number, avg: number) =>
      `${n} playbook${n === 1 ? '' : 's'}: ${e} error${e === 1 ? '' : 's'}, ${w} warning${w === 1 ? '' : 's'}, average completeness ${avg}%`,
    noPlaybooks: 'No playbooks found.',
    renamedFrom: 'renamed from',
    statusNew: 'new',
    statusDeleted: 'deleted',
    newProblems: 'New problems',
    fixed: 'Fixed',
    problemsHeading: 'Problems',
    stillMissing: 'Still missing',
    nothingMissing: 'Nothing missing.',
    ticked: 'Tasks and check-ins ticked off',
    overdueTasks: 'Overdue tasks and check-ins',
    due: 'due',
    noNewProblems: 'No new problems.',
    andMore: (n: number) => `… and ${n} more`,
    truncated: 'The rest of this report was cut to fit in a comment; run `playbook-lint diff` locally for all of it.',
    kind: { section: 'Section', field: 'Field', task: 'Task', 'follow-up': 'Follow-up' } as Record<string, string>,
    line: 'line',
    footer: (base: string, head: string, from: string) => `Compared ${head} with the merge base ${base}; configuration from the ${from}.`,
    worktree: 'the working tree',
    baseWord: 'base',
    headWord: 'head',
    unknownClient: '(no client)',
    secretsTitle: (n: number) => `${n} secret${n === 1 ? '' : 's'} in the changed playbooks`,
    secretsBody: 'A password, token or key is written in these playbooks. The check fails whatever `fail-on` says. Deleting it in a later commit does not remove it from the git history: move it to the password manager and rotate it.',
  },
  ko: {
    title: 'Playbook Lint',
    diffTitle: 'Playbook Lint: 온보딩 완성도',
    noChange: '변경된 플레이북이 없습니다.',
    changed: (n: number) => `플레이북 ${n}개 변경`,
    more: (n: number) => `${n}개 더 완성됨`,
    less: (n: number) => `${n}개 덜 완성됨`,
    same: (n: number) => `${n}개 변화 없음`,
    added: (n: number) => `${n}개 새로 추가`,
    removed: (n: number) => `${n}개 삭제`,
    problems: (n: number, e: number) => `새 문제 ${n}개${e ? ` (오류 ${e}개)` : ''}`,
    fixedCount: (n: number) => `${n}개 해결`,
    cols: ['고객사', '파일', '이전', '이후', '새 문제', '해결'],
    lintCols: ['고객사', '파일', '완성도', '오류', '경고'],
    errors: (n: number) => `오류 ${n}개`,
    warnings: (n: number) => `경고 ${n}개`,
    lintHeadline: (n: number, e: number, w: number, avg: number) => `플레이북 ${n}개: 오류 ${e}개, 경고 ${w}개, 평균 완성도 ${avg}%`,
    noPlaybooks: '플레이북을 찾지 못했습니다.',
    renamedFrom: '이전 이름',
    statusNew: '새 파일',
    statusDeleted: '삭제됨',
    newProblems: '새 문제',
    fixed: '해결됨',
    problemsHeading: '문제',
    stillMissing: '아직 빠진 항목',
    nothingMissing: '빠진 항목이 없습니다.',
    ticked: '체크한 작업과 점검',
    overdueTasks: '기한이 지난 작업과 점검',
    due: '마감',
    noNewProblems: '새 문제가 없습니다.',
    andMore: (n: number) => `… 외 ${n}개`,
    truncated: '댓글 길이 제한으로 보고서의 나머지를 생략했습니다. 전체 내용은 로컬에서 `playbook-lint diff`로 확인하십시오.',
    kind: { section: '섹션', field: '필드', task: '작업', 'follow-up': '후속 조치' } as Record<string, string>,
    line: '줄',
    footer: (base: string, head: string, from: string) => `${head}을(를) 병합 기준 ${base}과(와) 비교했습니다. 설정: ${from}.`,
    worktree: '작업 트리',
    baseWord: '기준 커밋',
    headWord: '헤드',
    unknownClient: '(고객사 없음)',
    secretsTitle: (n: number) => `변경된 플레이북에 비밀 정보 ${n}개`,
    secretsBody: '이 플레이북들에 비밀번호, 토큰 또는 키가 적혀 있습니다. `fail-on` 설정과 관계없이 검사가 실패합니다. 이후 커밋에서 지워도 git 기록에는 남으므로 비밀번호 관리자로 옮기고 새로 바꾸세요.',
  },
} as const;

type Text = (typeof TEXT)['en'] | (typeof TEXT)['ko'];

const ICON: Record<Severity, string> = { error: '❌', warning: '⚠️', info: 'ℹ️' };

/** Escape text for Markdown (inline, in a table cell or a list item). */
export function mdText(s: string): string {
  return s
    .replace(/\r?\n/g, ' ')
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/([\\`*_[\]|#~])/g, '\\$1');
}

/** An inline code span that holds any text. */
export function mdCode(s: string): string {
  const flat = s.replace(/\r?\n/g, ' ');
  let fence = '`';
  while (flat.includes(fence)) fence += '`';
  const pad = flat.startsWith('`') || flat.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${flat}${pad}${fence}`;
}

function html(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** A 10-step text bar (a step per full 10%) with a colour dot: 🟢 80+, 🟡 50-79, 🔴 below 50. */
export function scoreBar(score: number): string {
  const s = Math.max(0, Math.min(100, Math.round(score)));
  const filled = Math.floor(s / 10);
  const dot = s >= 80 ? '🟢' : s >= 50 ? '🟡' : '🔴';
  return `${dot} ${'▰'.repeat(filled)}${'▱'.repeat(10 - filled)} ${s}%`;
}

function encodePath(file: string): string {
  return file.split('/').map(encodeURIComponent).join('/');
}

function location(file: string, line: number, linkBase: string | undefined): string {
  const label = `${file}:${line}`;
  return linkBase ? `[${mdText(label)}](${linkBase}${encodePath(file)}#L${line})` : mdCode(label);
}

function findingItem(file: string, f: Finding, linkBase: string | undefined): string {
  return `- ${ICON[f.severity]} ${location(file, f.line, linkBase)} ${mdText(f.message)} (${mdCode(f.ruleId)})`;
}

function missingItem(t: Text, m: MissingItem): string {
  return `- ${t.kind[m.kind] ?? m.kind}: ${mdText(m.title)}${m.line ? ` (${t.line} ${m.line})` : ''}`;
}

function taskItem(t: Text, x: DiffTask): string {
  const owners = x.owners.map((o) => (x.kind === 'task' ? `@${o}` : o)).join(' ');
  return `- ⏰ ${mdText(x.text)}${x.due ? ` · ${t.due} ${x.due}` : ''}${owners ? ` · ${mdText(owners)}` : ''} (${t.line} ${x.line})`;
}

function capped<T>(t: Text, items: T[], render: (x: T) => string): string[] {
  const out = items.slice(0, MAX_ITEMS).map(render);
  if (items.length > MAX_ITEMS) out.push(`- ${t.andMore(items.length - MAX_ITEMS)}`);
  return out;
}

function countErrors(findings: Finding[]): number {
  return findings.filter((f) => f.severity === 'error').length;
}

// ---------------------------------------------------------------- plain lint

/** `playbook-lint --format markdown`: a summary table and, per playbook, what is missing and its problems. */
export function formatMarkdown(results: FileResult[], ctx: FormatContext): string {
  const t = TEXT[ctx.locale] ?? TEXT.en;
  const out: string[] = [`## ${t.title}`, ''];
  if (!results.length) return `${[...out, t.noPlaybooks].join('\n')}\n`;
  const sorted = [...results].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  let errors = 0;
  let warnings = 0;
  let sum = 0;
  for (const r of sorted) {
    errors += countErrors(r.findings);
    warnings += r.findings.filter((f) => f.severity === 'warning').length;
    sum += r.completeness.score;
  }
  out.push(`**${t.lintHeadline(sorted.length, errors, warnings, Math.floor(sum / sorted.length))}**`, '');
  out.push(`| ${t.lintCols.join(' | ')} |`, `|${t.lintCols.map(() => '---').join('|')}|`);
  for (const r of sorted) {
    const e = countErrors(r.findings);
    const w = r.findings.filter((f) => f.severity === 'warning').length;
    out.push(`| ${mdText(r.client ?? t.unknownClient)} | ${mdCode(r.file)} | ${scoreBar(r.completeness.score)} | ${e} | ${w} |`);
  }
  out.push('');
  for (const r of sorted) {
    if (!r.findings.length && !r.completeness.missing.length) continue;
    out.push('<details>', `<summary><strong>${html(r.client ?? t.unknownClient)}</strong> · <code>${html(r.file)}</code> · ${r.completeness.score}% · ${html(t.errors(countErrors(r.findings)))}</summary>`, '');
    if (r.completeness.missing.length) out.push(`**${t.stillMissing}**`, '', ...capped(t, r.completeness.missing, (m) => missingItem(t, m)), '');
    if (r.findings.length) out.push(`**${t.problemsHeading}**`, '', ...capped(t, r.findings, (f) => findingItem(r.file, f, undefined)), '');
    out.push('</details>', '');
  }
  return `${out.join('\n').replace(/\n+$/, '')}\n`;
}

// ---------------------------------------------------------------- diff

export function diffHeadline(report: DiffReport, locale: Locale = 'en'): string {
  const t = TEXT[locale] ?? TEXT.en;
  const files = report.files;
  if (!files.length) return t.noChange;
  let more = 0, less = 0, same = 0, added = 0, removed = 0;
  for (const f of files) {
    if (!f.before) added++;
    else if (!f.after) removed++;
    else if (f.after.score > f.before.score) more++;
    else if (f.after.score < f.before.score) less++;
    else same++;
  }
  const parts = [more && t.more(more), less && t.less(less), same && t.same(same), added && t.added(added), removed && t.removed(removed)]
    .filter((p): p is string => typeof p === 'string');
  return `${t.changed(files.length)}: ${parts.join(', ')}`;
}

function fileCell(t: Text, f: DiffFile): string {
  const name = mdCode(f.file);
  if (f.status === 'renamed' && f.previousFile) return `${name} (${t.renamedFrom} ${mdCode(f.previousFile)})`;
  if (f.status === 'added') return `${name} (${t.statusNew})`;
  if (f.status === 'deleted') return `${name} (${t.statusDeleted})`;
  return name;
}

function afterCell(f: DiffFile): string {
  if (!f.after) return '—';
  const bar = scoreBar(f.after.score);
  if (!f.before) return bar;
  const delta = f.after.score - f.before.score;
  return delta > 0 ? `${bar} ⬆️ +${delta}` : delta < 0 ? `${bar} ⬇️ ${delta}` : bar;
}

function summaryLine(t: Text, f: DiffFile): string {
  const client = html(f.client ?? t.unknownClient);
  const scores = f.before && f.after ? `${f.before.score}% → ${f.after.score}%` : f.after ? `${t.statusNew} · ${f.after.score}%` : `${t.statusDeleted}`;
  return `<summary><strong>${client}</strong> · <code>${html(f.file)}</code> · ${scores} · ${html(t.problems(f.newFindings.length, countErrors(f.newFindings)))}</summary>`;
}

/** `playbook-lint diff --format markdown`: the pull-request comment. */
export function formatDiffMarkdown(report: DiffReport, options: DiffMarkdownOptions = {}): string {
  const t = TEXT[options.locale ?? 'en'] ?? TEXT.en;
  const linkBase = options.linkBase;
  const files = report.files;
  const head: string[] = [STICKY_MARKER, `## ${t.diffTitle}`, '', `**${diffHeadline(report, options.locale)}**`];
  // Secrets lead the comment: where each one is (never its text) and why deleting it later is not enough.
  const secrets = secretFindings(report);
  if (secrets.length) {
    head.push('', '> [!CAUTION]', `> **${mdText(t.secretsTitle(secrets.length))}**`, '>', `> ${t.secretsBody}`, '>');
    head.push(...capped(t, secrets, ({ file, finding }) => `> ${findingItem(file, finding, linkBase)}`).map((l) => (l.startsWith('>') ? l : `> ${l}`)));
  }
  if (files.length) {
    const fresh = files.flatMap((f) => f.newFindings);
    const fixed = files.reduce((n, f) => n + f.fixedFindings.length, 0);
    head.push('', `${t.problems(fresh.length, countErrors(fresh))} · ${t.fixedCount(fixed)}`, '');
    head.push(`| ${t.cols.join(' | ')} |`, `|${t.cols.map(() => '---').join('|')}|`);
    for (const f of files) {
      const e = countErrors(f.newFindings);
      const problems = f.newFindings.length ? `${f.newFindings.length}${e ? ` (❌ ${e})` : ''}` : '0';
      head.push(`| ${mdText(f.client ?? t.unknownClient)} | ${fileCell(t, f)} | ${f.before ? scoreBar(f.before.score) : '—'} | ${afterCell(f)} | ${problems} | ${f.fixedFindings.length} |`);
    }
  }
  const from = report.configFrom === 'base' ? t.baseWord : t.headWord;
  const headLabel = report.head === 'worktree' ? t.worktree : mdCode(report.head.slice(0, 12));
  const footer = ['', `<sub>${t.footer(mdCode(report.base.slice(0, 12)), headLabel, from)}</sub>`];

  const blocks: string[] = [];
  for (const f of files) {
    if (!f.after) continue;
    const lines = ['<details>', summaryLine(t, f), ''];
    if (f.newFindings.length) lines.push(`**${t.newProblems}**`, '', ...capped(t, f.newFindings, (x) => findingItem(f.file, x, linkBase)), '');
    else lines.push(t.noNewProblems, '');
    if (f.fixedFindings.length) lines.push(`**${t.fixed}**`, '', ...capped(t, f.fixedFindings, (x) => `- ✅ ${mdText(x.message)} (${mdCode(x.ruleId)})`), '');
    // Shards merged from JSON of an older version carry no tasks.
    if (f.tasks?.ticked.length) lines.push(`**${t.ticked}**`, '', ...capped(t, f.tasks.ticked, (x) => `- [x] ${mdText(x.text)} (${t.line} ${x.line})`), '');
    if (f.tasks?.overdue.length) lines.push(`**${t.overdueTasks}**`, '', ...capped(t, f.tasks.overdue, (x) => taskItem(t, x)), '');
    if (f.missing.length) lines.push(`**${t.stillMissing}**`, '', ...capped(t, f.missing, (m) => missingItem(t, m)), '');
    else lines.push(t.nothingMissing, '');
    lines.push('</details>');
    blocks.push(lines.join('\n'));
  }

  let body = head.join('\n');
  let size = body.length + footer.join('\n').length;
  let cut = false;
  for (const b of blocks) {
    if (size + b.length + 2 > MAX_CHARS) { cut = true; break; }
    body += `\n\n${b}`;
    size += b.length + 2;
  }
  if (cut) body += `\n\n${t.truncated}`;
  return `${body}\n${footer.join('\n')}\n`;
}
