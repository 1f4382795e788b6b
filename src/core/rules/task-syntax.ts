// task-syntax: a due or done date in a task that is not a real YYYY-MM-DD date
// ("due:2026-13-01", "due:tomorrow"): reported at the token, never silently ignored.
import type { Rule } from './rule.js';

export const taskSyntax: Rule = {
  id: 'task-syntax',
  description: 'Due and done dates in tasks (due:, 📅, 마감:, done:, ✅) are real dates written YYYY-MM-DD.',
  defaultSeverity: 'warning',
  fixable: false,
  run(ctx) {
    for (const task of ctx.agenda.tasks) {
      for (const token of task.tokens) {
        if (token.kind === 'owner' || token.date) continue;
        const marker = token.raw.slice(0, token.raw.length - token.value.length).trimEnd();
        ctx.report({ start: token.start, end: token.end, keyText: `${task.key} ${token.raw}`,
          message: ctx.t(token.kind === 'due' ? 'task.bad-due' : 'task.bad-done', { token: token.raw, marker, example: `${marker}${/^\P{L}/u.test(marker) ? ' ' : ''}${ctx.today}` }) });
      }
    }
  },
};
