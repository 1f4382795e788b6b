// A lint worker's warm-up (the CLI's workers, and those of `diff` and the extension):
// two short playbooks (English, Korean) linted once before the first real file. A fresh
// isolate compiles the parser's and the rules' functions on their first call, which made
// a worker's first small playbook cost 100-250 ms where the next costs 1-2 ms: that
// start-up would otherwise count against the first file's time budget (and a file queued
// behind one given up always lands on a fresh worker). The compile work only moves
// earlier; the samples themselves lint in about a millisecond.
import type { Linter } from '../core/lint.js';
import type { LintResult, Locale } from '../core/types.js';
import { lintBytes } from '../node/lint-bytes.js';

export const WARM_UP_EN = `---
client: "Warm-up Co"
account_owner: "Pat Lee"
status: active
start_date: 2026-01-05
primary_contact: { name: "Dana Reyes", role: "Head of Marketing", email: "dana@example.com" }
tools: [Slack, Zoom]
services: [paid search, SEO]
---

# Warm-up Co onboarding playbook

## Welcome & Kickoff

- [x] Kickoff call on 2026-01-07 with both teams, @pat due: 2026-01-09.
- [ ] Send the welcome email. To be honest, we will leverage synergies ASAP.

## Goals & Success Metrics

Raise organic sessions from 18,000 to 25,000 a month by 2026-06-30 ([plan](https://example.com/plan)).

| Side | Name | Email |
|---|---|---|
| Client | Dana Reyes | dana@example.com |

\`\`\`
code
\`\`\`

> A quote with *emphasis* and \`code\`.
`;

export const WARM_UP_KO = `---
client: "웜업 주식회사"
account_owner: "김하늘"
status: active
start_date: 2026-01-05
lang: ko
---

# 웜업 주식회사 온보딩 플레이북

## 환영 및 킥오프

- [ ] 환영 이메일을 보내 주세요. 솔직히 말씀드리면 일정이 늦어졌습니다.

## 목표 및 성공 지표

2026-06-30까지 월간 상담 신청을 40건에서 60건으로 늘리기.
`;

/**
 * Lints the samples once, as a real file goes (bytes in; `finish` does what the worker does
 * with a result). A failure here is the first real file's to report.
 */
export function warmUp(linter: Linter, locale: Locale, finish: (r: Omit<LintResult, 'model'>) => unknown = () => undefined): void {
  const encoder = new TextEncoder();
  for (const text of [WARM_UP_EN, WARM_UP_KO]) {
    try { finish(lintBytes(linter, encoder.encode(text), '2026-02-01', locale)); } catch { /* reported by the first real file */ }
  }
}
