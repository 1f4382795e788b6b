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
  -h, --help            show this help

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
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) { io.stdout(MERGE_USAGE); return 0; }
  const format = values.format!;
  if (!FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (${FORMATS.join(', ')})`);
  if (values.locale !== undefined && !/^(en|ko)([-_].*)?$/i.test(values.locale)) throw new UsageError('--locale takes en or ko');
  if (!positionals.length) throw new UsageError('merge needs the JSON files of the shards (playbook-lint --shard i/n --format json > shard-i.json)');
  const locale = detectLocale(values.locale);

  const byFile = new Map<string, { result: FileResult; line: string; from: string }>();
  for (const input of positionals) {
    let entries: unknown;
    try {
      entries = JSON.parse(await readFile(resolve(io.cwd, input), 'utf8'));
    } catch (e) {
      throw new UsageError(`${input}: cannot read a shard's JSON: ${(e as Error).message}`);
    }
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
