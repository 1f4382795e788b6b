// `playbook-lint tasks [paths] [--owner NAME] [--overdue] [--due-before DATE] [--client TEXT]
// [--format stylish|json|markdown|ics] [--today DATE] [--all]`: one list of the open tasks
// and the upcoming or overdue check-ins of every playbook, overdue first, then by due
// date, then by client (docs/tasks.md). Exit 0 with a list, 1 when --overdue was given and
// an item is overdue (a CI job can nag), 2 on bad arguments.
import { parseArgs } from 'node:util';
import { compareItems, validDate } from '../../core/tasks.js';
import type { Locale } from '../../core/types.js';
import { formatIcs, type ListedItem } from '../../node/calendar.js';
import { detectLocale } from '../../node/config-loader.js';
import { lintPaths, UsageError } from '../../node/lint-files.js';
import { localDate } from '../../core/template.js';
import type { CliIO } from '../main.js';

export const TASKS_USAGE = `Usage: playbook-lint tasks [paths...] [options]

One list across all playbooks: open tasks and upcoming or overdue check-ins, overdue
first, then by due date, then by client. A task is a checklist item ("- [ ] ...") with
optional owners (@sam) and a due date (due:2026-12-01, 📅 2026-12-01 or 마감:2026-12-01).

Options:
      --owner <name>        only items this owner has (with or without "@"; case-insensitive)
      --overdue             only overdue items; exit 1 when there is one
      --due-before <date>   only items due before this date (YYYY-MM-DD)
      --client <text>       only playbooks whose client contains this text (case-insensitive)
      --all                 include done tasks
  -f, --format <name>       stylish (default), json, markdown (a stand-up list by owner),
                            ics (an iCalendar feed: one all-day event per dated item)
      --today <YYYY-MM-DD>  the date that decides what is overdue (default: today)
  -c, --config <file>       use this config instead of looking for .playbook-lint.jsonc
      --locale <en|ko>      language of check-in names and messages (default: from LANG)
  -h, --help                show this help

Exit codes: 0 a list, 1 an overdue item with --overdue, 2 usage or configuration error.
`;

const FORMATS = ['stylish', 'json', 'markdown', 'ics'];

export async function runTasks(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      owner: { type: 'string' },
      overdue: { type: 'boolean', default: false },
      'due-before': { type: 'string' },
      client: { type: 'string' },
      all: { type: 'boolean', default: false },
      format: { type: 'string', short: 'f', default: 'stylish' },
      today: { type: 'string' },
      config: { type: 'string', short: 'c' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) { io.stdout(TASKS_USAGE); return 0; }
  const format = values.format!;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (${FORMATS.join(', ')})`);
  if (values.today !== undefined && !validDate(values.today)) throw new UsageError('--today takes a date as YYYY-MM-DD');
  const dueBefore = values['due-before'];
  if (dueBefore !== undefined && !validDate(dueBefore)) throw new UsageError('--due-before takes a date as YYYY-MM-DD');
  if (values.locale !== undefined && !/^(en|ko)([-_].*)?$/i.test(values.locale)) throw new UsageError('--locale takes en or ko');
  const owner = values.owner?.replace(/^@/, '').trim().toLowerCase();
  if (values.owner !== undefined && !owner) throw new UsageError('--owner takes a name');
  const client = values.client?.trim().toLowerCase();
  const locale = detectLocale(values.locale);
  const today = values.today ?? localDate();

  // The result cache keeps no tasks: every playbook is read (on worker threads, under the time budget).
  const results = await lintPaths(positionals, { cwd: io.cwd, locale, today, cacheDir: null, ...(values.config ? { configFile: values.config } : {}) });
  const items: ListedItem[] = [];
  for (const r of results) {
    if (client !== undefined && !(r.client ?? '').toLowerCase().includes(client)) continue;
    for (const item of r.tasks ?? []) {
      if (item.done && !values.all) continue;
      if (values.overdue && !item.overdue) continue;
      if (dueBefore !== undefined && !(item.due !== null && item.due < dueBefore)) continue;
      if (owner !== undefined && !item.owners.some((o) => o.toLowerCase() === owner)) continue;
      items.push({ ...item, file: r.file, client: r.client });
    }
  }
  items.sort(compareItems);
  io.stdout(render(format, items, today, locale, io.isTTY && !io.env['NO_COLOR']));
  return values.overdue && items.some((i) => i.overdue) ? 1 : 0;
}

function render(format: string, items: ListedItem[], today: string, locale: Locale, color: boolean): string {
  switch (format) {
    case 'json': return `${JSON.stringify(items.map(publicItem), null, 2)}\n`;
    case 'markdown': return formatStandUp(items, locale);
    case 'ics': return formatIcs(items, today, locale === 'ko' ? 'Playbook Lint: 작업과 점검' : 'Playbook Lint: tasks and check-ins');
    default: return formatList(items, today, locale, color);
  }
}

/** An item as `--format json` prints it: exactly these keys (a contract). */
export function publicItem(i: ListedItem) {
  return { file: i.file, client: i.client, line: i.line, kind: i.kind, text: i.text, owners: i.owners, due: i.due, done: i.done, overdue: i.overdue };
}

const WORDS = {
  en: { overdue: 'overdue', today: 'today', none: 'No open tasks or check-ins.', unassigned: 'Unassigned', items: (n: number, o: number) => `${n} item${n === 1 ? '' : 's'}, ${o} overdue`, checkIn: 'check-in', noDate: 'no date', title: 'Tasks and check-ins' },
  ko: { overdue: '기한 지남', today: '오늘', none: '열린 작업이나 점검이 없습니다.', unassigned: '담당자 없음', items: (n: number, o: number) => `${n}개 항목, ${o}개 기한 지남`, checkIn: '점검', noDate: '날짜 없음', title: '작업과 점검' },
} as const;

function ownersText(i: ListedItem): string {
  return i.kind === 'task' ? i.owners.map((o) => `@${o}`).join(' ') : i.owners.join(', ');
}

/** The terminal list: one line per item. */
function formatList(items: ListedItem[], today: string, locale: Locale, color: boolean): string {
  const w = WORDS[locale];
  if (!items.length) return `${w.none}\n`;
  const paint = (code: string, s: string) => (color ? `\u001b[${code}m${s}\u001b[0m` : s);
  const state = (i: ListedItem) => (i.done ? '[x]' : i.overdue ? w.overdue : i.due === today ? w.today : '');
  const stateWidth = Math.max(...items.map((i) => state(i).length));
  const lines = items.map((i) => {
    const s = state(i).padEnd(stateWidth);
    const mark = i.overdue ? paint('31', s) : i.due === today ? paint('33', s) : s;
    const what = i.kind === 'follow-up' ? `${i.text} (${w.checkIn})` : i.text;
    const owners = ownersText(i);
    return `${mark}  ${(i.due ?? w.noDate).padEnd(10)}  ${what}${owners ? `  ${paint('36', owners)}` : ''}  ${paint('2', `${i.client ?? '-'} · ${i.file}:${i.line}`)}`;
  });
  return `${lines.join('\n')}\n\n${w.items(items.length, items.filter((i) => i.overdue).length)}\n`;
}

const MD_SPECIAL = /[\\`*_[\]<>|#]/g;
const md = (s: string) => s.replace(MD_SPECIAL, (c) => `\\${c}`);

/** A stand-up list in Markdown: a heading per owner (an item with two owners is under both), unassigned last. */
function formatStandUp(items: ListedItem[], locale: Locale): string {
  const w = WORDS[locale];
  const groups = new Map<string, ListedItem[]>();
  for (const i of items) {
    const names = i.owners.length ? i.owners.map((o) => (i.kind === 'task' ? `@${o}` : o)) : [''];
    for (const n of names) groups.set(n, [...(groups.get(n) ?? []), i]);
  }
  const order = [...groups.keys()].sort((a, b) => (a === '' ? 1 : b === '' ? -1 : a.localeCompare(b)));
  const out = [`# ${w.title}`, ''];
  if (!items.length) out.push(w.none, '');
  for (const name of order) {
    out.push(`## ${name ? md(name) : w.unassigned}`, '');
    for (const i of groups.get(name)!) {
      const when = i.due ? (i.overdue ? `**${w.overdue}** ${i.due}` : i.due) : w.noDate;
      const what = i.kind === 'follow-up' ? `${md(i.text)} (${w.checkIn})` : md(i.text);
      out.push(`- [${i.done ? 'x' : ' '}] ${when} · ${what} · ${md(i.client ?? '-')} ([${md(i.file)}:${i.line}](${encodeURI(i.file)}#L${i.line}))`);
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}
