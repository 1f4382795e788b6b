// --format json: one array, one entry per file, exactly the DESIGN.md contract.
import type { Finding } from '../../core/types.js';
import type { FileResult } from '../../node/lint-files.js';

export function publicFinding(f: Finding) {
  return {
    ruleId: f.ruleId, severity: f.severity, message: f.message,
    line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
    fixable: f.fixable, section: f.section, key: f.key,
  };
}

/** One array, one line per file: valid JSON that stays cheap to print and easy to grep on thousands of files. */
export function formatJson(results: FileResult[]): string {
  if (!results.length) return '[]\n';
  return `[\n${results.map((r) => JSON.stringify({
    file: r.file,
    client: r.client,
    completeness: { score: r.completeness.score, missing: r.completeness.missing.map(({ kind, id, title }) => ({ kind, id, title })) },
    findings: r.findings.map(publicFinding),
  })).join(',\n')}\n]\n`;
}
