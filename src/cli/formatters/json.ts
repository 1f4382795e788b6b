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

export function formatJson(results: FileResult[]): string {
  return `${JSON.stringify(results.map((r) => ({
    file: r.file,
    client: r.client,
    completeness: { score: r.completeness.score, missing: r.completeness.missing.map(({ kind, id, title }) => ({ kind, id, title })) },
    findings: r.findings.map(publicFinding),
  })), null, 2)}\n`;
}
