// duplicate-section: two headings name the same section; only the first counts,
// so content under the second is easy to miss.
import type { Rule } from './rule.js';

export const duplicateSection: Rule = {
  id: 'duplicate-section',
  description: 'Each section appears once.',
  defaultSeverity: 'warning',
  fixable: false,
  run(ctx) {
    const { doc, t } = ctx;
    for (const h of doc.headings) {
      if (!h.duplicate || h.id === undefined) continue;
      const first = doc.sectionHeading(h.id)!;
      ctx.report({ start: h.start, end: h.end, section: h.id, keyText: h.id,
        message: t('section.duplicate', { heading: h.text, line: first.line }),
        related: [{ start: first.start, end: first.end, message: t('section.duplicate-related', { heading: first.text }) }] });
    }
  },
};
