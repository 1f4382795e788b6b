// The 0-100 score and the list of what is still missing (DESIGN.md "Completeness").
import type { ErrorObject } from 'ajv';
import { pickLang, type Translate } from './messages/index.js';
import type { ParsedDoc } from './parse/document.js';
import { insertionLine, insertionOffset } from './parse/insertion.js';
import type { Condition, Profile } from './profile/profile.js';
import type { Completeness, MissingItem } from './types.js';

const DATE = /\b(\d{4})-(\d{2})-(\d{2})\b/;
const FOLLOW_UPS: Array<{ id: '30d' | '60d' | '3m' | '6m' | '12m'; days?: number; months?: number; words: RegExp }> = [
  { id: '30d', days: 30, words: /(?<!\d)(?:30[- ]?days?|30일|1[- ]month|1개월)|\bone[- ]month/i },
  { id: '60d', days: 60, words: /(?<!\d)(?:60[- ]?days?|60일|2[- ]months?|2개월)|\btwo[- ]months?/i },
  { id: '3m', months: 3, words: /(?<!\d)(?:3[- ]?months?|90[- ]?days?|3개월)|\bthree[- ]months?|quarter|분기/i },
  { id: '6m', months: 6, words: /(?<!\d)(?:6[- ]?months?|6개월)|\bsix[- ]months?|half[- ]year|twice a year|반기/i },
  { id: '12m', months: 12, words: /(?<!\d)(?:12[- ]?months?|1[- ]year|12개월|1년)|\btwelve[- ]months?|\bone[- ]year|annual|yearly|연간/i },
];

export function computeCompleteness(doc: ParsedDoc, profile: Profile, errors: ErrorObject[], t: Translate, today: string,
  conditions: Condition[] = []): Completeness {
  // Sections and keys an if/then that holds requires count like the profile's own (with the then's weight, if it gives one).
  const sectionWeights = new Map<string, number>();
  const fieldWeights = new Map<string, number>();
  for (const c of conditions) {
    for (const s of c.sections) if (!sectionWeights.has(s.id) || s.weight !== undefined) sectionWeights.set(s.id, s.weight ?? profile.section(s.id)?.weight ?? 1);
    for (const f of c.fields) if (!fieldWeights.has(f.key) || f.weight !== undefined) fieldWeights.set(f.key, f.weight ?? profile.field(f.key)?.weight ?? 1);
  }
  const missing: MissingItem[] = [];
  let total = 0;
  let satisfied = 0;
  const failing = new Set(errors.map((e) => e.instancePath.split('/').slice(0, 3).join('/')));
  const sections = doc.model.sections;
  const lang = doc.lang;

  for (const s of profile.sections) {
    if (!s.required && !sectionWeights.has(s.id)) continue;
    const weight = sectionWeights.get(s.id) ?? s.weight;
    total += weight;
    const present = sections[s.id];
    if (present && !present.empty && !failing.has(`/sections/${s.id}`)) { satisfied += weight; continue; }
    const line = present ? present.line : insertionLine(doc, insertionOffset(doc, profile, s.id));
    missing.push({ kind: 'section', id: s.id, title: present?.heading ?? (pickLang(s.headings, lang) || s.id), line });
  }
  const fm = doc.model.frontmatter;
  const fmLine = doc.frontmatter ? doc.index.lineOf(doc.frontmatter.start) : 1;
  for (const f of profile.fields) {
    if (!f.required && !fieldWeights.has(f.key)) continue;
    const weight = fieldWeights.get(f.key) ?? f.weight;
    total += weight;
    const present = fm !== undefined && Object.prototype.hasOwnProperty.call(fm, f.key);
    if (present && !failing.has(`/frontmatter/${f.key}`)) { satisfied += weight; continue; }
    const span = doc.frontmatter?.parsed.spans.get(`/${f.key}`);
    missing.push({ kind: 'field', id: f.key, title: f.key, line: span?.keyStart !== undefined ? doc.index.lineOf(span.keyStart) : fmLine });
  }
  // Open tasks that are overdue or undated count against the score; dated future ones do not.
  for (const task of doc.tasks) {
    if (task.done) continue;
    const date = DATE.exec(task.text)?.[0];
    if (date && date > today) continue;
    total += 1;
    missing.push({ kind: 'task', id: `task:${task.text.toLowerCase().replace(/\s+/g, ' ').slice(0, 40)}`,
      title: t('missing.title-task', { text: task.text }), line: task.line });
  }
  for (const item of dueFollowUps(doc, today, t)) { total += 1; missing.push(item); }

  const score = total === 0 ? 100 : Math.floor((100 * satisfied) / total);
  return { score, missing };
}

/** Check-ins after the start date (004): +30 and +60 days, +3, +6 and +12 months, once due and not ticked off. */
function dueFollowUps(doc: ParsedDoc, today: string, t: Translate): MissingItem[] {
  const fm = doc.model.frontmatter;
  const start = typeof fm?.['start_date'] === 'string' ? fm['start_date'] : undefined;
  if (!start || !DATE.test(start) || !['active', 'complete'].includes(String(fm?.['status']))) return [];
  const done = doc.tasks.filter((task) => task.done);
  // An open task for the check-in is already counted (as an overdue task or a dated future one).
  const open = doc.tasks.filter((task) => !task.done);
  const heading = doc.sectionHeading('follow-ups');
  const out: MissingItem[] = [];
  for (const f of FOLLOW_UPS) {
    const due = addToDate(start, f.days ?? 0, f.months ?? 0);
    if (!due || due > today) continue;
    const mentions = (task: { text: string }) => task.text.includes(due) || f.words.test(task.text);
    if (done.some(mentions) || open.some(mentions)) continue;
    const label = t(`follow-up.${f.id}`);
    out.push({ kind: 'follow-up', id: `follow-up:${f.id}`, title: t('missing.title-follow-up', { date: due, label }), line: heading?.line ?? 1 });
  }
  return out;
}

export function addToDate(date: string, days: number, months: number): string | undefined {
  const m = DATE.exec(date);
  if (!m) return undefined;
  const d = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1 + months, Number(m[3]) + days));
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().slice(0, 10);
}
