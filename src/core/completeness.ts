// The 0-100 score and the list of what is still missing (DESIGN.md "Completeness").
import type { ErrorObject } from 'ajv';
import { pickLang, type Translate } from './messages/index.js';
import type { ParsedDoc } from './parse/document.js';
import { insertionLine, insertionOffset } from './parse/insertion.js';
import type { Condition, Profile } from './profile/profile.js';
import { readAgenda, type Agenda } from './tasks.js';
import type { Completeness, MissingItem } from './types.js';

export function computeCompleteness(doc: ParsedDoc, profile: Profile, errors: ErrorObject[], t: Translate, today: string,
  conditions: Condition[] = [], agenda?: Agenda): Completeness {
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
  // Open tasks that are overdue or undated count against the score; those due today or later do not
  // (a task for a check-in is due when the check-in is, unless it says otherwise).
  const plan = agenda ?? readAgenda(doc, profile, today);
  for (const task of plan.tasks) {
    if (task.info.done) continue;
    const date = task.due ?? task.bareDate ?? task.checkIn?.due;
    if (date && date >= today) continue;
    total += 1;
    missing.push({ kind: 'task', id: `task:${task.text.toLowerCase().replace(/\s+/g, ' ').slice(0, 40)}`,
      title: t('missing.title-task', { text: task.text }), line: task.info.line, ...(task.owners.length ? { owners: task.owners } : {}) });
  }
  // Check-ins past their date that no task records or mentions; one due today is not late yet.
  for (const c of plan.checkIns) {
    if (c.due >= today || c.recordedBy || c.openTasks.length) continue;
    total += 1;
    missing.push({ kind: 'follow-up', id: `follow-up:${c.def.id}`, title: t('missing.title-follow-up', { date: c.due, label: c.label }), line: plan.followUpLine });
  }

  const score = total === 0 ? 100 : Math.floor((100 * satisfied) / total);
  return { score, missing };
}
