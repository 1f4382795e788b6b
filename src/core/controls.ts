// Inline control comments: <!-- playbook-lint-disable RULE... -->, -enable, and
// -disable-next-line. No rule names means every rule.
import type { ParsedDoc } from './parse/document.js';

interface Control {
  offset: number;
  /** For disable-next-line: the line it applies to. */
  line: number;
  kind: 'disable' | 'enable' | 'disable-next-line';
  rules: string[] | null;
}

const CONTROL = /<!--\s*playbook-lint-(disable-next-line|disable|enable)\b([^>]*?)\s*-->/g;

export function controlFilter(doc: ParsedDoc): (ruleId: string, offset: number) => boolean {
  const controls: Control[] = [];
  for (const atom of doc.atoms) {
    if (atom.kind !== 'html' || !atom.value.includes('playbook-lint-')) continue;
    CONTROL.lastIndex = 0;
    for (let m = CONTROL.exec(atom.value); m; m = CONTROL.exec(atom.value)) {
      const names = m[2]!.split(/[\s,]+/).filter(Boolean);
      const offset = atom.start + m.index;
      controls.push({ offset, line: doc.index.lineOf(offset + m[0].length) + 1,
        kind: m[1] as Control['kind'], rules: names.length ? names : null });
    }
  }
  if (!controls.length) return () => true;
  return (ruleId, offset) => {
    const line = doc.index.lineOf(offset);
    let enabled = true;
    for (const c of controls) {
      const applies = c.rules === null || c.rules.includes(ruleId);
      if (!applies) continue;
      if (c.kind === 'disable-next-line') {
        if (c.line === line) return false;
      } else if (c.offset <= offset) {
        enabled = c.kind === 'enable';
      }
    }
    return enabled;
  };
}
