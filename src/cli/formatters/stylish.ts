// --format stylish (default): grouped per file, colours only on a terminal, and a
// one-line summary with counts and the average completeness.
import type { FileResult } from '../../node/lint-files.js';
import type { FormatContext } from './context.js';

export type { FormatContext };


const CODES = { red: 31, yellow: 33, cyan: 36, green: 32, dim: 2, bold: 1, underline: 4 } as const;

export function formatStylish(results: FileResult[], ctx: FormatContext): string {
  const paint = (c: keyof typeof CODES, s: string) => (ctx.color ? `\u001b[${CODES[c]}m${s}\u001b[0m` : s);
  const lines: string[] = [];
  let errors = 0;
  let warnings = 0;
  let infos = 0;
  let fixable = 0;
  for (const r of results) {
    const score = r.completeness.score;
    const scoreText = paint(score === 100 ? 'green' : score >= 70 ? 'yellow' : 'red', `${score}%`);
    const who = r.client ? `${r.client} · ` : '';
    lines.push(`${paint('underline', r.file)}  ${paint('dim', who)}${scoreText}${r.fixed ? paint('dim', ' (fixed)') : ''}`);
    if (!r.findings.length) lines.push(`  ${paint('green', 'no problems')}`);
    const width = Math.max(0, ...r.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const f of r.findings) {
      if (f.severity === 'error') errors++; else if (f.severity === 'warning') warnings++; else infos++;
      if (f.fixable) fixable++;
      const sev = f.severity === 'error' ? paint('red', 'error  ') : f.severity === 'warning' ? paint('yellow', 'warning') : paint('cyan', 'info   ');
      lines.push(`  ${`${f.line}:${f.column}`.padEnd(width)}  ${sev}  ${f.message}  ${paint('dim', f.ruleId)}`);
    }
    const missing = r.completeness.missing.filter((m) => m.kind === 'task' || m.kind === 'follow-up');
    // Line 0: not known (a report merged from shards' JSON, which has no line for these).
    for (const m of missing) lines.push(`  ${paint('dim', `· ${m.title}${m.line ? ` (line ${m.line})` : ''}`)}`);
    lines.push('');
  }
  if (!results.length) {
    // Say why nothing was linted, instead of "0 problems in 0 playbooks".
    lines.push(paint('yellow', 'No playbooks found.'),
      paint('dim', 'A playbook is a Markdown file whose frontmatter has a "client" key, or one the config\'s "playbooks" globs select;'),
      paint('dim', 'files that .gitignore or the config\'s "ignores" exclude are skipped. Name a file to lint it anyway.'));
    return `${lines.join('\n')}\n`;
  }
  const total = errors + warnings + infos;
  const avg = Math.floor(results.reduce((s, r) => s + r.completeness.score, 0) / results.length);
  const counts = `${total} problem${total === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}, ${warnings} warning${warnings === 1 ? '' : 's'}, ${infos} info)`;
  const summary = `${counts} in ${results.length} playbook${results.length === 1 ? '' : 's'} · average completeness ${avg}%${fixable ? ` · ${fixable} fixable with --fix` : ''}`;
  lines.push(total ? paint(errors ? 'red' : 'yellow', `${errors ? '✖' : '⚠'} ${summary}`) : paint('green', `✔ ${summary}`));
  return `${lines.join('\n')}\n`;
}
