// follow-up-overdue: a check-in of the profile's schedule (30 and 60 days, 3, 6 and 12
// months after start_date) whose date has passed, that no ticked task records and no open
// task has rescheduled. Reported at the Follow-ups heading (or where it would be
// inserted). The fix adds "- [ ] 30-day check-in due:TODAY" to the section, or gives an
// undated open task for it today's date.
import { insertionLine, insertionOffset } from '../parse/insertion.js';
import { overdueCheckIns } from '../tasks.js';
import type { Rule } from './rule.js';

export const followUpOverdue: Rule = {
  id: 'follow-up-overdue',
  description: 'Every check-in whose date has passed is recorded by a ticked task (or scheduled by an open one).',
  defaultSeverity: 'warning',
  fixable: true,
  run(ctx) {
    const { doc, profile, t, today } = ctx;
    const eol = doc.index.eol();
    const heading = doc.sectionHeading('follow-ups');
    let range: { start: number; end: number };
    let at: number | undefined;
    let lead = eol;
    if (heading) {
      range = { start: heading.start, end: heading.end };
      // After the section's last content, so a list of check-ins grows at its end.
      const body = doc.text.slice(heading.end, heading.sectionEnd).replace(/\s+$/, '');
      at = heading.end + body.length;
      if (!body) lead = eol + eol;
    } else {
      const line = insertionLine(doc, insertionOffset(doc, profile, 'follow-ups'));
      range = { start: doc.index.lineStart(line), end: doc.index.lineEnd(line) };
    }
    let inserted = 0;
    for (const c of overdueCheckIns(ctx.agenda)) {
      const undated = c.openTasks[0];
      const fix = undated
        ? { start: undated.info.end, end: undated.info.end, text: ` due:${today}`, title: t('fix.schedule-task', { label: c.label, date: today }) }
        : at !== undefined ? { start: at, end: at, text: `${inserted++ ? eol : lead}- [ ] ${c.label} due:${today}`, title: t('fix.add-follow-up', { label: c.label, date: today }) } : undefined;
      ctx.report({ ...range, section: heading ? 'follow-ups' : null, keyText: c.def.id,
        message: t('follow-up.overdue', { label: c.label, due: c.due }),
        data: { kind: 'follow-up', id: `follow-up:${c.def.id}`, due: c.due },
        ...(fix ? { fix } : {}) });
    }
  },
};
