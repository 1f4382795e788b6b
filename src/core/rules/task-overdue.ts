// task-overdue: an open task whose due date (due:, 📅, 마감:) is before today. Reported at
// the due date. No automatic fix (`--fix` must not tick tasks off or move dates); the
// editor offers "mark done" and "postpone" as quick fixes.
import type { Rule } from './rule.js';

export const taskOverdue: Rule = {
  id: 'task-overdue',
  description: 'An open task is not past its due date.',
  defaultSeverity: 'warning',
  fixable: false,
  run(ctx) {
    for (const task of ctx.agenda.tasks) {
      if (task.info.done || !task.due || task.due >= ctx.today) continue;
      const token = task.tokens.find((t) => t.kind === 'due' && t.date === task.due)!;
      ctx.report({ start: token.start, end: token.end, keyText: task.key,
        message: ctx.t('task.overdue', { text: task.text, due: task.due }),
        data: { kind: 'task', id: task.key, text: task.text, due: task.due } });
    }
  },
};
