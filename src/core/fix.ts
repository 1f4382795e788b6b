// Applying fixes to text: non-overlapping, last first, BOM kept. Offsets are into
// the BOM-less text, as the engine reports them.
import { BOM } from './text/positions.js';
import type { Finding, Fix } from './types.js';

export function applyFixes(text: string, fixes: Array<Fix | Finding>): string {
  const bom = text.charCodeAt(0) === 0xfeff;
  let body = bom ? text.slice(1) : text;
  // Last first; insertions at one offset go in reverse so they end up in reported (profile) order.
  const list = fixes.map((f) => ('ruleId' in f ? f.fix : f)).filter((f): f is Fix => f !== undefined)
    .map((fix, i) => ({ fix, i }))
    .sort((a, b) => b.fix.start - a.fix.start || b.i - a.i)
    .map(({ fix }) => fix);
  let floor = Infinity;
  const seen = new Set<string>();
  for (const fix of list) {
    if (fix.end > floor) continue; // overlaps one already applied
    const id = `${fix.start}:${fix.end}:${fix.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    body = body.slice(0, fix.start) + fix.text + body.slice(fix.end);
    floor = fix.start;
  }
  return bom ? BOM + body : body;
}
