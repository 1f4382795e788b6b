// `playbook-lint merge FILES... [--format stylish|json|sarif|github|markdown]`: join the
// `--format json` outputs of the shards of one run (`--shard i/n` on a CI matrix) into one
// report, as if one run had linted every file: the same order, the same JSON byte for
// byte, the average completeness over all files and the same exit code (0 / 1 / 2).
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ruleUrl } from '../../core/rules/ids.js';
import type { Finding, MissingKind, Severity } from '../../core/types.js';
import { detectLocale } from '../../node/config-loader.js';
import { toPosix } from '../../node/host.js';
import { UsageError, type FileResult } from '../../node/lint-files.js';
import { hasError, jsonLine, toStored } from '../../node/output.js';
import type { DiffFile, DiffReport } from '../../node/diff-report.js';
import type { CliIO } from '../main.js';
import type { FormatContext } from '../formatters/context.js';

export const MERGE_USAGE = `Usage: playbook-lint merge FILES... [--format stylish|json|sarif|github|markdown]

Join the --format json outputs of "playbook-lint --shard i/n" runs into one report,
as if one run had linted every file. Paths in the inputs are kept as they are (run the
shards and the merge from the same folder of the repository).

Options:
  -f, --format <name>   stylish (default), json, sarif, github (annotations, plus the job
                        summary when $GITHUB_STEP_SUMMARY is set), markdown
      --locale <en|ko>  language of the report's own words (default: from LANG)
      --fail-on new|any diff shards: exit 1 on a new error (default) or on any error
  -h, --help            show this help

The outputs of "playbook-lint diff --shard i/n --format json" merge the same way, to
json, stylish or github (annotations).

Exit codes: 0 no errors, 1 errors found, 2 usage error or an input that is not a shard's JSON.
`;

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown'];
const SEVERITIES: readonly Severity[] = ['error', 'warning', 'info'];
const KINDS: readonly MissingKind[] = ['section', 'field', 'task', 'follow-up'];

export async function runMerge(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', short: 'f', default: 'stylish' },
      locale: { type: 'string' },
      'fail-on': { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) { io.stdout(MERGE_USAGE); return 0; }
  const format = values.format!;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (${FORMATS.join(', ')})`);
  if (values.locale !== undefined && !/^(en|ko)([-_].*)?$/i.test(values.locale)) throw new UsageError('--locale takes en or ko');
  if (!positionals.length) throw new UsageError('merge needs the JSON files of the shards (playbook-lint --shard i/n --format json > shard-i.json)');
  const locale = detectLocale(values.locale);

  const inputs: Array<{ input: string; data: unknown }> = [];
  for (const input of positionals) {
    try {
      inputs.push({ input, data: JSON.parse(await readFile(resolve(io.cwd, input), 'utf8')) });
    } catch (e) {
      throw new UsageError(`${input}: cannot read a shard's JSON: ${(e as Error).message}`);
    }
  }
  const failOn = values['fail-on'] ?? 'new';
  if (failOn !== 'new' && failOn !== 'any') throw new UsageError('--fail-on takes new or any (diff shards)');
  if (inputs.some(({ data }) => data !== null && typeof data === 'object' && !Array.isArray(data))) return mergeDiff(inputs, format, failOn, io);

  const byFile = new Map<string, { result: FileResult; line: string; from: string }>();
  for (const { input, data: entries } of inputs) {
    if (!Array.isArray(entries)) throw new UsageError(`${input}: not the output of "playbook-lint --format json" (expected an array)`);
    entries.forEach((entry, i) => {
      const result = toFileResult(entry, `${input}: entry ${i + 1}`, io.cwd);
      const line = jsonLine(result.file, result.stored!);
      const seen = byFile.get(result.file);
      if (seen && seen.line !== line) throw new UsageError(`${input}: ${result.file} is also in ${seen.from}, with other results (are these shards of one run?)`);
      if (!seen) byFile.set(result.file, { result, line, from: input });
    });
  }
  const results = [...byFile.values()].map((x) => x.result).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));

  const ctx: FormatContext = { cwd: io.cwd, color: io.isTTY && !io.env['NO_COLOR'], locale };
  const { render } = await import('../main.js');
  io.stdout(await render(format, results, ctx));
  if (format === 'github') {
    const [{ appendStepSummary }, { formatMarkdown }] = await Promise.all([import('../formatters/github.js'), import('../formatters/markdown.js')]);
    await appendStepSummary(formatMarkdown(results, ctx), io.env);
  }
  return results.some(hasError) ? 1 : 0;
}

const isInt = (x: unknown): x is number => Number.isInteger(x);
const isStr = (x: unknown): x is string => typeof x === 'string';

/** One entry of a shard's JSON, checked against the contract, as a FileResult. */
function toFileResult(entry: unknown, where: string, cwd: string): FileResult {
  const bad = (what: string): never => { throw new UsageError(`${where}: ${what} (not the output of "playbook-lint --format json")`); };
  if (!entry || typeof entry !== 'object') bad('not an object');
  const e = entry as Record<string, unknown>;
  if (!isStr(e['file']) || !e['file']) bad('no "file"');
  if (e['client'] !== null && !isStr(e['client'])) bad('"client" is neither a string nor null');
  const c = e['completeness'] as Record<string, unknown> | undefined;
  if (!c || !isInt(c['score']) || (c['score'] as number) < 0 || (c['score'] as number) > 100 || !Array.isArray(c['missing'])) bad('no valid "completeness"');
  const missing = (c!['missing'] as unknown[]).map((m) => {
    const x = m as Record<string, unknown>;
    if (!x || !KINDS.includes(x['kind'] as MissingKind) || !isStr(x['id']) || !isStr(x['title'])) bad('a "missing" item without kind, id and title');
    // The JSON has no line for a missing item: 0 means "not known" to the formatters.
    return { kind: x['kind'] as MissingKind, id: x['id'] as string, title: x['title'] as string, line: 0 };
  });
  if (!Array.isArray(e['findings'])) bad('no "findings" array');
  const findings = (e['findings'] as unknown[]).map((f): Finding => {
    const x = f as Record<string, unknown>;
    if (!x || !isStr(x['ruleId']) || !SEVERITIES.includes(x['severity'] as Severity) || !isStr(x['message'])
      || !isInt(x['line']) || !isInt(x['column']) || !isInt(x['endLine']) || !isInt(x['endColumn'])
      || typeof x['fixable'] !== 'boolean' || (x['section'] !== null && !isStr(x['section'])) || !isStr(x['key'])) bad('a finding that breaks the contract');
    return {
      ruleId: x['ruleId'] as string, severity: x['severity'] as Severity, message: x['message'] as string,
      line: x['line'] as number, column: x['column'] as number, endLine: x['endLine'] as number, endColumn: x['endColumn'] as number,
      fixable: x['fixable'] as boolean, section: x['section'] as string | null, key: x['key'] as string, url: ruleUrl(x['ruleId'] as string),
    };
  });
  const result: FileResult = {
    path: toPosix(resolve(cwd, e['file'] as string)), file: e['file'] as string, client: e['client'] as string | null,
    lang: 'en', completeness: { score: c!['score'] as number, missing }, findings,
  };
  result.stored = toStored(result);
  return result;
}

// ---------------------------------------------------------------- diff shards

/**
 * `playbook-lint diff --shard i/n --format json` outputs, merged: the JSON of one diff run
 * byte for byte, the terminal report, or the annotations. Markdown and SARIF need every
 * finding and missing item of each file, which the diff JSON does not carry.
 */
async function mergeDiff(inputs: Array<{ input: string; data: unknown }>, format: string, failOn: 'new' | 'any', io: CliIO): Promise<number> {
  if (!['json', 'stylish', 'github'].includes(format)) {
    throw new UsageError(`diff shards merge to json, stylish or github; ${format} needs each playbook's full findings (run "playbook-lint diff --format ${format}" on one runner)`);
  }
  let base: string | undefined;
  let head: string | undefined;
  const byFile = new Map<string, { text: string; file: DiffFile; from: string }>();
  for (const { input, data } of inputs) {
    const d = data as { base?: unknown; head?: unknown; files?: unknown };
    if (!d || typeof d !== 'object' || Array.isArray(d) || !isStr(d.base) || !isStr(d.head) || !Array.isArray(d.files)) {
      throw new UsageError(`${input}: not the output of "playbook-lint diff --format json" (nor of the lint command: those are not merged together)`);
    }
    if (base !== undefined && (d.base !== base || d.head !== head)) throw new UsageError(`${input}: compares ${d.base.slice(0, 12)}..${d.head.slice(0, 12)}, another input ${base.slice(0, 12)}..${head!.slice(0, 12)}`);
    base = d.base;
    head = d.head;
    for (const f of d.files as Array<Record<string, unknown>>) {
      if (!f || !isStr(f['file']) || !Array.isArray(f['newFindings']) || !Array.isArray(f['fixedFindings'])) throw new UsageError(`${input}: a file entry that breaks the diff JSON contract`);
      const text = JSON.stringify(f);
      const key = `${f['file']}\0${String(f['previousFile'])}\0${String(f['status'])}`;
      const seen = byFile.get(key);
      if (seen && seen.text !== text) throw new UsageError(`${input}: ${f['file']} is also in ${seen.from}, with other results`);
      const withUrl = (xs: unknown[]) => (xs as Finding[]).map((x) => ({ ...x, url: ruleUrl(x.ruleId) }));
      if (!seen) byFile.set(key, { text, from: input, file: { ...(f as unknown as DiffFile), newFindings: withUrl(f['newFindings'] as unknown[]), fixedFindings: withUrl(f['fixedFindings'] as unknown[]), findings: [], missing: [] } });
    }
  }
  const files = [...byFile.values()].map((x) => x.file).sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const { diffJson, formatDiffStylish } = await import('./diff.js');
  const report: DiffReport = { base: base!, head: head!, baseRef: base!, headRef: head!, configFrom: 'head', root: toPosix(io.cwd), files };
  if (format === 'json') {
    const json = diffJson(report) as { files: unknown[] };
    // The files exactly as the shards printed them (diffJson would add the url-free findings again).
    json.files = files.map((f) => JSON.parse(byFile.get(`${f.file}\0${String(f.previousFile)}\0${String(f.status)}`)!.text));
    io.stdout(`${JSON.stringify(json, null, 2)}\n`);
  } else if (format === 'github') {
    const { formatDiffGithub } = await import('../formatters/github.js');
    io.stdout(formatDiffGithub(report));
  } else {
    io.stdout(formatDiffStylish(report, io.isTTY && !io.env['NO_COLOR']));
  }
  const fails = files.some((f) => (failOn === 'new' ? f.newFindings.some((x) => x.severity === 'error') : (f.after?.errors ?? 0) > 0));
  return fails ? 1 : 0;
}
