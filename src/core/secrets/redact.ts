// The text under a `secret` finding never leaves the engine (DESIGN.md, RELIABILITY.md
// row 15). The secret rule's own findings carry only the range; this keeps the other
// rules from repeating the text: a finding that lies on the secret itself (an all-caps
// token read as an undefined acronym) is dropped, since the secret finding says more,
// and the secret's text is blanked out of every other message, key and missing item (an
// open task "send the password hunter2 to Sam" is listed by its text).
import type { Completeness, Finding, PlaybookItem } from '../types.js';

export const REDACTED = '•••';

/**
 * `spans` are the findings' offsets, in the same order; `secretRule` the id whose findings
 * are secrets. Returns the findings to keep; `completeness` and the tasks (whose text
 * `playbook-lint tasks` and the calendar print) are scrubbed in place.
 */
export function redactSecrets(text: string, findings: Finding[], spans: Array<readonly [number, number]>, completeness: Completeness,
  secretRule: string, tasks: PlaybookItem[] = []): Finding[] {
  const secrets: Array<readonly [number, number]> = [];
  findings.forEach((f, i) => { if (f.ruleId === secretRule) secrets.push(spans[i]!); });
  if (!secrets.length) return findings;
  // Longest first, so a value that contains another is blanked whole. Values of one or two
  // characters cannot be told from ordinary text and are not searched for.
  const values = [...new Set(secrets.map(([a, b]) => text.slice(a, b)).filter((v) => v.trim().length >= 3))].sort((a, b) => b.length - a.length);
  // Keys and ids are lower-cased, and an id may be cut short in the middle of the value.
  const forms = values.flatMap((v) => (v.toLowerCase() === v ? [v] : [v, v.toLowerCase()]));
  const scrub = (s: string, cut = false): string => {
    let out = s;
    for (const v of forms) if (out.includes(v)) out = out.split(v).join(REDACTED);
    if (cut) for (const v of forms) {
      for (let k = Math.min(v.length - 1, out.length); k >= 3; k--) {
        if (out.endsWith(v.slice(0, k))) { out = out.slice(0, -k) + REDACTED; break; }
      }
    }
    return out;
  };
  const kept: Finding[] = [];
  findings.forEach((f, i) => {
    if (f.ruleId === secretRule) { kept.push(f); return; }
    const [a, b] = spans[i]!;
    if (a < b && secrets.some(([s, e]) => s <= a && b <= e)) return;
    const g: Finding = { ...f, message: scrub(f.message), key: scrub(f.key, true) };
    if (f.data) {
      g.data = { ...f.data };
      if (f.data.text !== undefined) g.data.text = scrub(f.data.text);
      if (f.data.id !== undefined) g.data.id = scrub(f.data.id, true);
      if (f.data.suggestion !== undefined) g.data.suggestion = scrub(f.data.suggestion);
    }
    if (f.related) g.related = f.related.map((r) => ({ ...r, message: scrub(r.message) }));
    if (f.fix) g.fix = { ...f.fix, title: scrub(f.fix.title) };
    kept.push(g);
  });
  completeness.missing = completeness.missing.map((m) => ({ ...m, id: scrub(m.id, true), title: scrub(m.title) }));
  for (const item of tasks) { item.text = scrub(item.text); item.key = scrub(item.key, true); }
  return kept;
}
