// vague-goal: a goal with no measure (000 #3). In the goals section every top-level
// list item is a goal; with no list, every sentence with a goal verb is one. A goal
// needs a digit, a percentage, a number word or a date/deadline.
import type { Rule, RuleContext } from './rule.js';

const GOALS = 'goals';
const GOAL_VERB = /\b(?:grow|grows|grew|growing|raise|raises|raised|raising|reach|reaches|reached|reaching|increase|increases|increased|increasing|cut|cuts|cutting|deliver|delivers|delivered|delivering|keep|keeps|kept|keeping|improve|improves|improved|improving)\b|늘리|늘린|높이|높인|줄이|줄인|달성|개선/iu;
const MEASURES = [
  /\d/u,
  /%|\bper ?cent\b|퍼센트|프로\b/iu,
  /\b(?:double|doubled|triple|tripled|quadruple|half|halve|halved|twice|dozen|one|two|three|four|five|six|seven|eight|nine|ten|hundred|thousand)\b|두\s?배|세\s?배|절반|[두세네]\s?배/iu,
  /\b(?:by|before|until|within)\s+(?:the\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|q[1-4]|end|spring|summer|autumn|fall|winter|next)\w*|\bq[1-4]\b|\bend of (?:the )?(?:week|month|quarter|year)\b|\b(?:weekly|monthly|quarterly|yearly|annually)\b/iu,
  /월까지|분기|연말|연초|상반기|하반기|까지|이내/u,
];

export function hasMeasure(text: string): boolean {
  return MEASURES.some((re) => re.test(text));
}

export const vagueGoal: Rule = {
  id: 'vague-goal',
  description: 'Goals carry a measure: a number, a percentage or a date.',
  defaultSeverity: 'warning',
  fixable: false,
  run(ctx) {
    const h = ctx.doc.sectionHeading(GOALS);
    if (!h) return;
    const blocks = ctx.doc.blocks.filter((b) => b.start >= h.end && b.start < h.sectionEnd);
    const lists = blocks.filter((b) => b.type === 'list');
    if (lists.length) {
      for (const list of lists) {
        for (const para of list.items ?? []) {
          // A checklist task in the goals section is a to-do, not a goal.
          if (para && para.text && !/^\[[ xX]\]\s/.test(para.text) && !hasMeasure(para.text)) report(ctx, para.start, para.end, para.text);
        }
      }
      return;
    }
    for (const para of blocks.filter((b) => b.type === 'paragraph')) {
      const start = para.start;
      const source = ctx.doc.text.slice(start, para.end);
      const sentence = /[^.!?。]+[.!?。]*/gu;
      for (let m = sentence.exec(source); m; m = sentence.exec(source)) {
        const raw = m[0];
        const lead = raw.length - raw.trimStart().length;
        const s = raw.trim();
        if (s && GOAL_VERB.test(s) && !hasMeasure(s)) report(ctx, start + m.index + lead, start + m.index + lead + s.length, s);
      }
    }
  },
};

function report(ctx: RuleContext, start: number, end: number, text: string): void {
  const bare = text.replace(/\s+/g, ' ').replace(/[.!?。]+$/u, '');
  const short = bare.length > 80 ? `${bare.slice(0, 77)}…` : bare;
  ctx.report({ start, end, section: GOALS, keyText: text.toLowerCase().replace(/\s+/g, ' '), message: ctx.t('goal.vague', { text: short }) });
}
