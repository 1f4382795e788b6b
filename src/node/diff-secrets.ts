// The secrets of a PR report, for the formatters: a small module (no engine, no git), so
// formatting loads nothing the warm cached path does not need.
import { SECRET_RULE_ID } from '../core/rules/ids.js';
import type { Finding } from '../core/types.js';

interface SecretsOf { file: string; findings: Finding[] }

/** Does the head of a changed playbook hold a secret? */
export function hasSecret(f: Pick<SecretsOf, 'findings'>): boolean {
  return f.findings.some((x) => x.ruleId === SECRET_RULE_ID);
}

/** The secret findings of the report's heads, file by file (in the report's order: those files lead). */
export function secretFindings(report: { files: SecretsOf[] }): Array<{ file: string; finding: Finding }> {
  return report.files.flatMap((f) => f.findings.filter((x) => x.ruleId === SECRET_RULE_ID).map((finding) => ({ file: f.file, finding })));
}
