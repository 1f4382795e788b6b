// Tasks and check-ins: what a playbook says who does by when (docs/tasks.md).
//
// A checklist item anywhere in a playbook is a task. Its tokens: owners (`@sam`, where the
// `@` starts a word: an e-mail address is not an owner), a due date (`due:2026-12-01`, the
// Obsidian Tasks form `📅 2026-12-01`, the Korean `마감:2026-12-01`) and, for a ticked one,
// when it was done (`done:2026-12-01` or `✅ 2026-12-01`). A bare date in the text is not a
// due date (it still matches a check-in). The check-ins are the profile's schedule
// (`followUps`) counted from `start_date`; a ticked task that mentions one records it.
// Pure: the rules, completeness, `playbook-lint tasks`, the Tasks view and the reports
// all read this one model.
import { pickLang } from './messages/index.js';
import type { ParsedDoc, TaskInfo } from './parse/document.js';
import type { FollowUpDef, Profile } from './profile/profile.js';
import type { PlaybookItem } from './types.js';

/** A token of the task syntax with its offsets in the document (BOM-less text). */
export interface TaskToken {
  kind: 'owner' | 'due' | 'done';
  /** As written, e.g. "@sam", "due:2026-12-01", "📅 2026-12-01". */
  raw: string;
  /** The owner's name without "@", or the date as written after the marker. */
  value: string;
  /** The date, when the value is one (YYYY-MM-DD, a real calendar day). */
  date: string | null;
  start: number;
  end: number;
}

export interface ParsedTask {
  info: TaskInfo;
  /** The text without owner and date tokens. */
  text: string;
  owners: string[];
  /** The first well-formed due date. */
  due: string | null;
  doneDate: string | null;
  /** The first bare date in the text (not a due date; used for completeness and check-in matching). */
  bareDate: string | null;
  tokens: TaskToken[];
  /** The check-in of the schedule this task mentions, if any. */
  checkIn: CheckIn | null;
  section: string | null;
  /** Stable identity: "task:" + the normalised text (+ "#n" for a repeat). */
  key: string;
}

export interface CheckIn {
  def: FollowUpDef;
  /** Its name in the file's language. */
  label: string;
  due: string;
  /** The ticked task that records it. */
  recordedBy: ParsedTask | null;
  /** Open tasks that mention it. */
  openTasks: ParsedTask[];
}

export interface Agenda {
  today: string;
  tasks: ParsedTask[];
  /** The schedule's check-ins (none when the playbook has no valid start date or is not active or complete). */
  checkIns: CheckIn[];
  /** Where check-ins are listed: the Follow-ups heading's line, else 1. */
  followUpLine: number;
}

export const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const BARE_DATE = /(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])/;
// "@" that starts a word: not after a letter, digit or the characters of an address or path.
const OWNER = /(?<![\p{L}\p{N}\p{M}._%+\-@/\\])@([\p{L}\p{N}\p{M}_](?:[\p{L}\p{N}\p{M}._-]*[\p{L}\p{N}\p{M}_])?)/gu;
const DATE_TOKEN = /(?<![\p{L}\p{N}_])(due|마감|done):[ \t]?([^\s]*)|(📅|✅)[ \t]*([^\s]*)/giu;
const TRAILING = /[.,;:!?)\]}'"]+$/u;

/** A real calendar day as YYYY-MM-DD, or null. */
export function validDate(value: string): string | null {
  const m = ISO_DATE.exec(value);
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])));
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value ? value : null;
}

export function addToDate(date: string, days: number, months: number): string | undefined {
  const m = ISO_DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3]) + days));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (both YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  const ms = (s: string) => Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10)));
  return Math.round((ms(to) - ms(from)) / 86_400_000);
}

/** The date tokens of a piece of text (offsets relative to it). The value ends at white space; trailing punctuation is not part of it. */
export function dateTokens(text: string): Array<Omit<TaskToken, 'start' | 'end'> & { index: number }> {
  const out: Array<Omit<TaskToken, 'start' | 'end'> & { index: number }> = [];
  // Most task text has no token: skip the Unicode regex unless a marker's character is there.
  if (!text.includes(':') && !text.includes('\u{1F4C5}') && !text.includes('\u2705')) return out;
  DATE_TOKEN.lastIndex = 0;
  for (let m = DATE_TOKEN.exec(text); m; m = DATE_TOKEN.exec(text)) {
    const marker = (m[1] ?? m[3])!;
    let raw = m[0];
    let value = (m[2] ?? m[4])!;
    // "due:2026-12-01." or "마감:2026-12-01까지": the date is what counts.
    const lead = /^\d{4}-\d{2}-\d{2}(?![\d-])/.exec(value);
    const kept = lead ? lead[0] : value.replace(TRAILING, '');
    raw = raw.slice(0, raw.length - value.length + kept.length);
    value = kept;
    const kind = /^(done|✅)$/i.test(marker) ? 'done' : 'due';
    out.push({ kind, raw: raw.trimEnd(), value, date: validDate(value), index: m.index });
  }
  return out;
}

/** Owner names in a piece of text (without "@"), with their offsets relative to it. */
export function ownerTokens(text: string): Array<{ name: string; index: number; length: number }> {
  const out: Array<{ name: string; index: number; length: number }> = [];
  if (!text.includes('@')) return out;
  OWNER.lastIndex = 0;
  for (let m = OWNER.exec(text); m; m = OWNER.exec(text)) out.push({ name: m[1]!, index: m.index, length: m[0].length });
  return out;
}

/** The text with owner and date tokens taken out, white space folded. */
export function stripTokens(text: string): string {
  let out = text;
  const tokens = [...dateTokens(text).map((d) => ({ index: d.index, length: d.raw.length })), ...ownerTokens(text).map((o) => ({ index: o.index, length: o.length }))];
  // Nothing to take out and nothing to fold: the text as it is (the common case).
  if (!tokens.length && !/[^\S ]|\s[\s,.;:!?]|[\s,;:–—-]$|^\s/u.test(text)) return text;
  for (const t of tokens.sort((a, b) => b.index - a.index)) {
    out = out.slice(0, t.index) + out.slice(t.index + t.length);
  }
  return out.replace(/\s+/g, ' ').replace(/\s+([,.;:!?])/g, '$1').replace(/[\s,;:–—-]+$/u, '').trim();
}

/** What a mention starts with, per word (asked for every task and check-in: worked out once). */
const wordStarts = new Map<string, { letter: boolean; digit: boolean }>();

/** Does the (lower-cased) text mention this word: not right after a digit, and a word that starts with a letter not inside another word? */
function mentionsWord(text: string, word: string): boolean {
  if (!text.includes(word)) return false;
  let kind = wordStarts.get(word);
  if (!kind) wordStarts.set(word, kind = { letter: /^\p{L}/u.test(word), digit: /^\d/.test(word) });
  const { letter, digit } = kind;
  for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + 1)) {
    const before = text.slice(Math.max(0, i - 2), i).slice(-1);
    if (before && ((digit && /\d/.test(before)) || (letter && /[\p{L}\p{N}]/u.test(before)))) continue;
    return true;
  }
  return false;
}

function mentions(task: { lower: string }, def: FollowUpDef, due: string): boolean {
  const text = task.lower;
  return text.includes(due) || def.mentions.some((w) => mentionsWord(text, w));
}

/** Offsets of code spans, HTML and links as URLs: no tokens are read there. */
function skippedRanges(doc: ParsedDoc): Array<[number, number]> {
  return doc.atoms.filter((a) => a.kind === 'inlineCode' || a.kind === 'html' || a.kind === 'other').map((a) => [a.start, a.end]);
}

/** Read every task's tokens and the schedule's check-ins. */
export function readAgenda(doc: ParsedDoc, profile: Profile, today: string): Agenda {
  const skipped = skippedRanges(doc);
  let k = 0;
  const seenKeys = new Map<string, number>();
  const tasks: ParsedTask[] = doc.tasks.map((info) => {
    // Tasks and skipped atoms both come in document order.
    while (k < skipped.length && skipped[k]![1] <= info.start) k++;
    const inSkipped = (start: number, end: number) => {
      for (let j = k; j < skipped.length && skipped[j]![0] < end; j++) if (skipped[j]![1] > start) return true;
      return false;
    };
    // The source from the box on; the box itself ("[ ]") is no token.
    const source = doc.text.slice(info.start, info.end);
    const tokens: TaskToken[] = [];
    for (const d of dateTokens(source)) {
      const start = info.start + d.index;
      const end = start + d.raw.length;
      if (!inSkipped(start, end)) tokens.push({ kind: d.kind, raw: d.raw, value: d.value, date: d.date, start, end });
    }
    for (const o of ownerTokens(source)) {
      const start = info.start + o.index;
      const end = start + o.length;
      if (!inSkipped(start, end)) tokens.push({ kind: 'owner', raw: source.slice(o.index, o.index + o.length), value: o.name, date: null, start, end });
    }
    tokens.sort((a, b) => a.start - b.start);
    const text = stripTokens(info.text);
    const base = `task:${text.toLowerCase().replace(/\s+/g, ' ').slice(0, 60)}`;
    const n = (seenKeys.get(base) ?? 0) + 1;
    seenKeys.set(base, n);
    const owners = [...new Set(tokens.filter((t) => t.kind === 'owner').map((t) => t.value))];
    const bare = BARE_DATE.exec(info.text.replace(DATE_TOKEN, ' '));
    return {
      info, text, owners, tokens,
      due: tokens.find((t) => t.kind === 'due' && t.date)?.date ?? null,
      doneDate: tokens.find((t) => t.kind === 'done' && t.date)?.date ?? null,
      bareDate: bare ? validDate(bare[0]) : null,
      checkIn: null,
      section: doc.sectionAt(info.start),
      key: n > 1 ? `${base}#${n}` : base,
    };
  });

  const heading = doc.sectionHeading('follow-ups');
  const agenda: Agenda = { today, tasks, checkIns: [], followUpLine: heading?.line ?? 1 };
  const fm = doc.model.frontmatter;
  const start = typeof fm?.['start_date'] === 'string' ? validDate(fm['start_date']) : null;
  if (!start || !['active', 'complete'].includes(String(fm?.['status']))) return agenda;
  const lowered = tasks.map((task) => ({ task, lower: task.info.text.toLowerCase() }));
  for (const def of profile.followUps) {
    const due = addToDate(start, def.days, def.months);
    if (!due) continue;
    const checkIn: CheckIn = { def, label: pickLang(def.label, doc.lang) || def.id, due, recordedBy: null, openTasks: [] };
    for (const { task, lower } of lowered) {
      if (!mentions({ lower }, def, due)) continue;
      if (task.info.done) checkIn.recordedBy ??= task;
      else checkIn.openTasks.push(task);
      task.checkIn ??= checkIn;
    }
    agenda.checkIns.push(checkIn);
  }
  return agenda;
}

/** A check-in that is past its date, not recorded by a ticked task, and not rescheduled by an open task with a due date. */
export function overdueCheckIns(agenda: Agenda): CheckIn[] {
  return agenda.checkIns.filter((c) => c.due < agenda.today && !c.recordedBy && !c.openTasks.some((t) => t.due !== null));
}

/** The items a list, calendar or view shows: every task, and each check-in that no task records or mentions. */
export function agendaItems(agenda: Agenda, frontmatter?: Record<string, unknown>): PlaybookItem[] {
  const { today } = agenda;
  const owner = typeof frontmatter?.['account_owner'] === 'string' && frontmatter['account_owner'].trim() ? [frontmatter['account_owner'].trim()] : [];
  const items: PlaybookItem[] = agenda.tasks.map((t) => {
    // An open task for a check-in is due when the check-in is, unless it says otherwise.
    const due = t.due ?? (t.checkIn && !t.info.done ? t.checkIn.due : null);
    const open = !t.info.done;
    return {
      kind: 'task', key: t.key, line: t.info.line, text: t.text, owners: t.owners, due, done: t.info.done, doneDate: t.doneDate,
      overdue: open && due !== null && due < today, dueToday: open && due === today, section: t.section,
      checkIn: t.checkIn ? { id: t.checkIn.def.id, label: t.checkIn.label, due: t.checkIn.due } : null,
    };
  });
  for (const c of agenda.checkIns) {
    if (c.recordedBy || c.openTasks.length) continue;
    items.push({
      kind: 'follow-up', key: `follow-up:${c.def.id}`, line: agenda.followUpLine, text: c.label, owners: owner, due: c.due, done: false, doneDate: null,
      overdue: c.due < today, dueToday: c.due === today, section: 'follow-ups', checkIn: { id: c.def.id, label: c.label, due: c.due },
    });
  }
  return items;
}

/** The tasks and check-ins of a parsed playbook (for reports that show them outside the linter). */
export function playbookItems(doc: ParsedDoc, profile: Profile, today: string): PlaybookItem[] {
  return agendaItems(readAgenda(doc, profile, today), doc.model.frontmatter);
}

/** Overdue first, then by due date (undated last), then by client, file and line. */
export function compareItems(a: PlaybookItem & { client?: string | null; file?: string }, b: PlaybookItem & { client?: string | null; file?: string }): number {
  if (a.overdue !== b.overdue) return a.overdue ? -1 : 1;
  if (a.due !== b.due) return a.due === null ? 1 : b.due === null ? -1 : a.due < b.due ? -1 : 1;
  const ca = a.client ?? '';
  const cb = b.client ?? '';
  if (ca !== cb) return ca.localeCompare(cb);
  const fa = a.file ?? '';
  const fb = b.file ?? '';
  if (fa !== fb) return fa < fb ? -1 : 1;
  return a.line - b.line;
}

/** What the status bar says about check-ins: the first overdue one, one due today, or the next one. */
export function nextCheckIn(items: PlaybookItem[], today: string): { state: 'overdue' | 'today' | 'upcoming'; label: string; due: string; days: number } | undefined {
  const open = items.filter((i) => i.checkIn && !i.done && i.due !== null).sort((a, b) => (a.due! < b.due! ? -1 : a.due! > b.due! ? 1 : 0));
  const pick = open.find((i) => i.overdue) ?? open.find((i) => i.dueToday) ?? open.find((i) => i.due! > today);
  if (!pick) return undefined;
  return { state: pick.overdue ? 'overdue' : pick.dueToday ? 'today' : 'upcoming', label: pick.checkIn!.label, due: pick.due!, days: daysBetween(today, pick.due!) };
}
