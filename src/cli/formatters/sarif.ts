// SARIF 2.1.0 for code scanning: one run, the rules with their help text and docs
// links, results with regions (1-based, UTF-16 columns, end exclusive: exactly the
// engine's positions, declared by `columnKind`) and `partialFingerprints` from the
// findings' stable key, so an alert survives lines moving.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createHash } from 'node:crypto';
import { FILE_UNREADABLE, ruleUrl, rules } from '../../core/rules/index.js';
import { SECRET_RULE_ID } from '../../core/rules/ids.js';
import type { Finding, Severity } from '../../core/types.js';
import type { DiffReport } from '../../node/diff-report.js';
import { toPosix } from '../../node/host.js';
import type { FileResult } from '../../node/lint-files.js';
import { packageRoot } from '../../node/package-root.js';
import type { FormatContext } from './context.js';


export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
export const FINGERPRINT = 'playbookLintKey/v1';
const SRCROOT = '%SRCROOT%';

interface SarifEntry {
  /** Relative path with `/` separators. */
  file: string;
  finding: Finding;
  baselineState?: 'new' | 'unchanged';
}

const LEVEL: Record<Severity, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

/** SARIF rule names: readable, and never the same as the id (SARIF1001). */
const RULE_NAMES: Record<string, string> = {
  'frontmatter-schema': 'FrontmatterMatchesProfile',
  'required-section': 'RequiredSectionPresent',
  'empty-section': 'SectionHasContent',
  'duplicate-section': 'SectionAppearsOnce',
  'banned-phrase': 'NoRelationshipHarmingPhrase',
  jargon: 'PlainLanguageForClients',
  'vague-goal': 'MeasurableGoal',
  secret: 'NoCredentialInPlaybook',
  'file-unreadable': 'FileReadableAsUtf8',
};

let version: string | undefined;
function toolVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(readFileSync(join(packageRoot(), 'package.json'), 'utf8')) as { version?: string }).version ?? '0.0.0';
    } catch {
      version = '0.0.0';
    }
  }
  return version;
}

function ruleDescriptors(): Array<Record<string, unknown>> {
  const all = [...rules.map((r) => ({ id: r.id, description: r.description, severity: r.defaultSeverity, fixable: r.fixable })),
    { id: FILE_UNREADABLE.id, description: FILE_UNREADABLE.description, severity: FILE_UNREADABLE.defaultSeverity, fixable: false }];
  return all.map((r) => ({
    id: r.id,
    name: RULE_NAMES[r.id] ?? `${r.id.replace(/(^|-)([a-z])/g, (_m, _d: string, c: string) => c.toUpperCase())}Rule`,
    shortDescription: { text: r.description },
    fullDescription: { text: r.description },
    help: {
      text: `${r.description} What it checks, why, examples and how to fix it or turn it off: ${ruleUrl(r.id)}`,
      markdown: `${r.description}\n\n[What it checks, why, examples, how to fix it or turn it off](${ruleUrl(r.id)})`,
    },
    helpUri: ruleUrl(r.id),
    defaultConfiguration: { level: LEVEL[r.severity] },
    properties: { tags: ['playbook', 'onboarding'], fixable: r.fixable },
  }));
}

/** A relative POSIX path as a URI reference (each segment percent-encoded). */
export function relativeUri(file: string): string {
  return file.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/');
}

function sarifLog(entries: SarifEntry[], rootDir: string, automationId?: string): string {
  const descriptors = ruleDescriptors();
  const index = new Map(descriptors.map((d, i) => [d['id'] as string, i]));
  const results = entries.map(({ file, finding: f, baselineState }) => {
    const ruleIndex = index.get(f.ruleId);
    const region: Record<string, number> = { startLine: f.line, startColumn: f.column, endLine: f.endLine, endColumn: f.endColumn };
    return {
      ruleId: f.ruleId,
      ...(ruleIndex !== undefined ? { ruleIndex } : {}),
      level: LEVEL[f.severity],
      message: { text: f.message },
      locations: [{ physicalLocation: { artifactLocation: { uri: relativeUri(file), uriBaseId: SRCROOT }, region } }],
      // A secret's key holds no text, but its fingerprint is a hash all the same (SARIF viewers show fingerprints).
      partialFingerprints: { [FINGERPRINT]: f.ruleId === SECRET_RULE_ID ? createHash('sha256').update(f.key).digest('hex') : f.key },
      ...(baselineState ? { baselineState } : {}),
      properties: { section: f.section, fixable: f.fixable },
    };
  });
  let rootUri = pathToFileURL(toPosix(rootDir)).href;
  if (!rootUri.endsWith('/')) rootUri += '/';
  const log = {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'playbook-lint',
          version: toolVersion(),
          semanticVersion: toolVersion(),
          informationUri: 'https://github.com/playbook-lint/playbook-lint',
          rules: descriptors,
        },
      },
      ...(automationId ? { automationDetails: { id: automationId } } : {}),
      originalUriBaseIds: { [SRCROOT]: { uri: rootUri } },
      columnKind: 'utf16CodeUnits',
      results,
    }],
  };
  return `${JSON.stringify(log, null, 2)}\n`;
}

/** `playbook-lint --format sarif`: every finding of every linted file; paths relative to cwd. */
export function formatSarif(results: FileResult[], ctx: FormatContext): string {
  const entries: SarifEntry[] = [];
  for (const r of results) for (const finding of r.findings) entries.push({ file: r.file, finding });
  return sarifLog(entries, ctx.cwd);
}

/**
 * `playbook-lint diff --format sarif`: every finding in the head of each changed playbook,
 * marked `baselineState: new` or `unchanged` against the base; paths relative to the repository root.
 */
export function formatDiffSarif(report: DiffReport): string {
  // The report's order: playbooks with a secret first, and secrets first within each.
  const entries: SarifEntry[] = [];
  for (const f of report.files) {
    const fresh = new Set(f.newFindings.map((x) => x.key));
    for (const finding of f.findings) entries.push({ file: f.file, finding, baselineState: fresh.has(finding.key) ? 'new' : 'unchanged' });
  }
  return sarifLog(entries, report.root, 'playbook-lint/diff/');
}
