// GitHub Actions workflow commands: one annotation per finding
// (`::error file=F,line=L,col=C,title=RULE::message`; warnings as `::warning`, info as
// `::notice`), escaped as the Actions toolkit does, plus the step summary.
import { appendFile } from 'node:fs/promises';
import type { Finding, Severity } from '../../core/types.js';
import type { DiffReport } from '../../node/diff-report.js';
import { secretFindings } from '../../node/diff-secrets.js';
import { SECRET_RULE_ID } from '../../core/rules/ids.js';
import type { FileResult } from '../../node/lint-files.js';
import type { FormatContext } from './context.js';


const COMMAND: Record<Severity, 'error' | 'warning' | 'notice'> = { error: 'error', warning: 'warning', info: 'notice' };

/** Escape the message part of a workflow command. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** Escape a property value of a workflow command. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** One annotation line for a finding in `file` (a path relative to the repository root). */
export function annotation(file: string, f: Finding): string {
  // Columns are only allowed when the range is on one line; `col` alone is always accepted.
  return `::${COMMAND[f.severity]} file=${escapeProperty(file)},line=${f.line},col=${f.column},title=${escapeProperty(f.ruleId)}::${escapeData(f.message)}`;
}

/** `playbook-lint --format github`: every finding. */
export function formatGithub(results: FileResult[], _ctx: FormatContext): string {
  const lines: string[] = [];
  for (const r of results) for (const f of r.findings) lines.push(annotation(r.file, f));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** `playbook-lint diff --format github`: every secret in the changed playbooks first, then the other findings the head adds. */
export function formatDiffGithub(report: DiffReport): string {
  const lines: string[] = [];
  for (const { file, finding } of secretFindings(report)) lines.push(annotation(file, { ...finding, severity: 'error' }));
  for (const f of report.files) for (const x of f.newFindings) if (x.ruleId !== SECRET_RULE_ID) lines.push(annotation(f.file, x));
  return lines.length ? `${lines.join('\n')}\n` : '';
}

/** Append Markdown to the job summary when `$GITHUB_STEP_SUMMARY` is set; true when written. */
export async function appendStepSummary(markdown: string, env: NodeJS.ProcessEnv = process.env): Promise<boolean> {
  const file = env['GITHUB_STEP_SUMMARY'];
  if (!file) return false;
  await appendFile(file, markdown.endsWith('\n') ? markdown : `${markdown}\n`, 'utf8');
  return true;
}
