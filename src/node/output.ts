// A file's finished output, as the result cache keeps it: the `--format json` entry
// without its "file" member (already serialised), plus the little the other formats
// print that the JSON does not (each missing item's line, the file's language) and the
// number of errors (for the exit code). A warm run copies these strings to stdout: no
// result objects are rebuilt and nothing is serialised again. Only what an output already
// prints is kept (RELIABILITY.md row 15: the cache never holds text a report would not
// show, such as the text under a `secret` finding's range).
import { ruleUrl } from '../core/rules/ids.js';
import type { Completeness, Finding, Lang, LintResult, PlaybookItem } from '../core/types.js';
import { Row } from './cache-data.js';

export type CachedResult = Omit<LintResult, 'model'>;

export interface StoredOutput {
  /**
   * `{"client":…,"completeness":…,"findings":[…]}`: the JSON entry without "file". A
   * freshly linted file holds a string (or its bytes); one loaded from the cache holds
   * where its row sits in the cache's data file, which a warm `--format json` run copies
   * to the output without decoding it (cache-data.ts).
   */
  json: string | Uint8Array | Row;
  lang: Lang;
  /** The playbook's account_owner (the HTML report's "by owner" panel), or null. */
  owner: string | null;
  /** Error-severity findings (the exit code). */
  errors: number;
  /** The line of each item of completeness.missing, in order. */
  lines: number[];
  /** The owners each item of completeness.missing names (a task's `@sam`; [] for none), in order. */
  owners: string[][];
}

/** A finding as `--format json` prints it (the DESIGN.md contract, in this key order). */
export function publicFinding(f: Finding) {
  return {
    ruleId: f.ruleId, severity: f.severity, message: f.message,
    line: f.line, column: f.column, endLine: f.endLine, endColumn: f.endColumn,
    fixable: f.fixable, section: f.section, key: f.key,
  };
}

export function toStored(r: Pick<CachedResult, 'client' | 'owner' | 'lang' | 'completeness' | 'findings'>): StoredOutput {
  let errors = 0;
  for (const f of r.findings) if (f.severity === 'error') errors++;
  return {
    json: JSON.stringify({
      client: r.client,
      completeness: { score: r.completeness.score, missing: r.completeness.missing.map(({ kind, id, title }) => ({ kind, id, title })) },
      findings: r.findings.map(publicFinding),
    }),
    lang: r.lang,
    owner: r.owner ?? null,
    errors,
    lines: r.completeness.missing.map((m) => m.line),
    owners: r.completeness.missing.map((m) => m.owners ?? []),
  };
}

/** The stored entry as text. */
export function storedJson(o: StoredOutput): string {
  if (typeof o.json === 'string') return o.json;
  const bytes = o.json instanceof Row ? o.json.bytes() : o.json;
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('utf8');
}

/** The `--format json` line of a file: `{"file":…,` then the stored entry. */
export function jsonLine(file: string, o: StoredOutput): string {
  return `{"file":${JSON.stringify(file)},${storedJson(o).slice(1)}`;
}

/** The same line as pieces to write out: the stored bytes are not decoded (a cached row is not even read). */
export function jsonLineParts(file: string, o: StoredOutput): [string, string | Uint8Array | Row] {
  const rest = typeof o.json === 'string' ? o.json.slice(1) : o.json instanceof Row ? o.json.from(1) : o.json.subarray(1);
  return [`{"file":${JSON.stringify(file)},`, rest];
}

interface PublicEntry {
  client: string | null;
  completeness: { score: number; missing: Array<{ kind: Completeness['missing'][number]['kind']; id: string; title: string }> };
  findings: Array<Omit<Finding, 'url' | 'fix' | 'related' | 'data'>>;
}

/** The result objects back from a stored output (for the formats other than json). */
export function fromStored(o: StoredOutput): CachedResult {
  const e = JSON.parse(storedJson(o)) as PublicEntry;
  return {
    client: e.client,
    owner: o.owner,
    lang: o.lang,
    completeness: { score: e.completeness.score, missing: e.completeness.missing.map((m, i) => ({ ...m, line: o.lines[i] ?? 0, ...(o.owners[i]?.length ? { owners: o.owners[i] } : {}) })) },
    findings: e.findings.map((f) => ({ ...f, url: ruleUrl(f.ruleId) })),
  };
}

/**
 * A FileResult for a file answered by its finished output (from the cache, or from a
 * lint worker with its tasks): `stored` is printed as it is by `--format json`; client,
 * completeness and findings are parsed from it only when read. Getters on a class, not
 * in an object literal: a literal's accessors and closures cost about 800 bytes per file
 * that live until the report is printed (5.9 MB on a warm run of 6,757 files).
 */
export class CachedFileResult {
  private parsed: CachedResult | undefined;
  readonly lang: Lang;
  readonly owner: string | null;

  constructor(readonly path: string, readonly file: string, readonly stored: StoredOutput, readonly tasks?: PlaybookItem[]) {
    this.lang = stored.lang;
    this.owner = stored.owner;
  }

  get client(): string | null { return this.get().client; }
  get completeness(): Completeness { return this.get().completeness; }
  get findings(): Finding[] { return this.get().findings; }

  private get(): CachedResult {
    return (this.parsed ??= fromStored(this.stored));
  }
}

/** Does a file's output have an error-severity finding (without parsing a stored output)? */
export function hasError(r: { findings: Finding[]; stored?: StoredOutput | undefined }): boolean {
  return r.stored ? r.stored.errors > 0 : r.findings.some((f) => f.severity === 'error');
}
