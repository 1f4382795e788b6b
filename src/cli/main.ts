// The CLI: `playbook-lint [paths|globs]`, `new`, `init`, `diff`, `adopt`, `merge`, `tasks`. Exit codes: 0 no
// error-severity finding, 1 at least one, 2 usage or configuration error.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ConfigError } from '../core/config.js';
import { TOOL_VERSION } from '../node/cache.js';
import { ConfigResolver, detectLocale, readConfigSync } from '../node/config-loader.js';
import { lintPaths, UsageError, type FileResult } from '../node/lint-files.js';
import { hasError } from '../node/output.js';
import { parseShard } from '../node/shard.js';
import { progressLine } from './progress.js';
import { formatJson, formatJsonParts } from './formatters/json.js';
import { writeStdoutParts } from '../node/stdout.js';
import type { Row } from '../node/cache-data.js';
import { formatStylish, type FormatContext } from './formatters/stylish.js';

export interface CliIO {
  cwd: string;
  stdout: (s: string) => void;
  /** Pieces of text and bytes to stdout, when the host can take them (a warm JSON run passes on cached bytes); else the text goes to stdout. */
  stdoutBytes?: (parts: Array<string | Uint8Array | Row>) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  isTTY: boolean;
  /** Whether stderr is a terminal (the progress line of a long stylish run). */
  stderrIsTTY?: boolean;
}

const HELP = `Usage: playbook-lint [options] [paths|globs...]
       playbook-lint new "Client Name" [--lang en|ko] [--services seo,paid-social] [--out path] [--owner name] [--start YYYY-MM-DD]
       playbook-lint init
       playbook-lint diff --base REF [--head REF] [--format markdown|json|github|sarif|stylish] [paths]
       playbook-lint adopt FILE [--client NAME] [--owner NAME] [--today YYYY-MM-DD] [--write]
       playbook-lint merge FILES... [--format stylish|json|sarif|github|markdown]
       playbook-lint tasks [paths] [--owner NAME] [--overdue] [--due-before DATE] [--client TEXT]
                           [--format stylish|json|markdown|ics] [--today YYYY-MM-DD] [--all]
       playbook-lint report [paths] [--html FILE] [--format html|...] [--link-base URL] [--locale en|ko]

Lints client onboarding playbooks (Markdown + YAML frontmatter). Folders and globs
are expanded to the playbooks in them; files named explicitly are always linted.
\`adopt\` turns an existing onboarding document into a playbook (see "adopt --help").
\`report\` writes the lead's HTML report (one self-contained page: a bar per client, the
sections most often missing, overdue check-ins and tasks by owner); it takes the lint options.

Options:
  -f, --format <name>       stylish (default; html for "report"), json, sarif, github, markdown, html
      --html <file>         also write the HTML report to this file ("report": instead of stdout)
      --link-base <url>     HTML links go to URL + the path from the repository root + #L<line>
                            (e.g. https://github.com/org/repo/blob/main/); default: relative file links
      --fix                 apply the fixes in place (UTF-8 files only; BOM and line endings kept)
  -c, --config <file>       use this config instead of looking for ${'.playbook-lint.jsonc'}
      --no-cache            do not read or write the result cache
      --cache-location <d>  cache folder (default node_modules/.cache/playbook-lint)
      --locale <en|ko>      message language (default: from LANG, else English)
      --quiet               report errors only
      --today <YYYY-MM-DD>  the date used for overdue tasks and follow-ups (default: today)
      --workers <n>         worker threads (default: one per 20 files, up to the cores; 0 lints in
                            this thread, with no time limit per file)
      --time-budget <s>     seconds one file may take before it is given up with one
                            file-unreadable finding (default 5, plus 5 per MB of the file;
                            env PLAYBOOK_LINT_FILE_TIMEOUT_MS in milliseconds)
      --shard <i/n>         lint only the i-th of n stable shards of the playbooks (CI matrices;
                            join the shards' --format json with "playbook-lint merge")
  -h, --help                show this help
  -v, --version             show the version
  --                        everything after is a path ("playbook-lint -- new.md")

Exit codes: 0 no errors, 1 errors found, 2 usage or configuration error.
Rules: `;

export async function main(argv: string[], io: CliIO = processIO()): Promise<number> {
  const dashdash = argv.indexOf('--');
  const head = dashdash >= 0 ? argv.slice(0, dashdash) : argv;
  const sub = head.find((a) => !a.startsWith('-'));
  try {
    if (sub === 'new' && head[0] === 'new') return await (await import('./commands/new.js')).runNew(argv.slice(1), io);
    if (sub === 'init' && head[0] === 'init') return await (await import('./commands/init.js')).runInit(argv.slice(1), io);
    if (sub === 'diff' && head[0] === 'diff') return await (await import('./commands/diff.js')).runDiff(argv.slice(1), io);
    if (sub === 'adopt' && head[0] === 'adopt') return await (await import('./commands/adopt.js')).runAdopt(argv.slice(1), io);
    if (sub === 'tasks' && head[0] === 'tasks') return await (await import('./commands/tasks.js')).runTasks(argv.slice(1), io);
    if (sub === 'merge' && head[0] === 'merge') return await (await import('./commands/merge.js')).runMerge(argv.slice(1), io);
    if (sub === 'report' && head[0] === 'report') return await runLint(argv.slice(1), io, true);
    return await runLint(argv, io);
  } catch (e) {
    return reportError(e, io);
  }
}

export function reportError(e: unknown, io: CliIO): number {
  if (e instanceof ConfigError) { io.stderr(`playbook-lint: configuration error: ${e.message}\n`); return 2; }
  if (e instanceof UsageError || (e as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
    io.stderr(`playbook-lint: ${(e as Error).message}\nRun "playbook-lint --help" for usage.\n`);
    return 2;
  }
  io.stderr(`playbook-lint: ${(e as Error).stack ?? String(e)}\n`);
  return 2;
}

const FORMATS = ['stylish', 'json', 'sarif', 'github', 'markdown', 'html'];

/** The lint command; `report` is the same with the HTML page as its default output. */
async function runLint(argv: string[], io: CliIO, report = false): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      format: { type: 'string', short: 'f' },
      html: { type: 'string' },
      'link-base': { type: 'string' },
      fix: { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      'no-cache': { type: 'boolean', default: false },
      'cache-location': { type: 'string' },
      locale: { type: 'string' },
      quiet: { type: 'boolean', default: false },
      today: { type: 'string' },
      workers: { type: 'string' },
      'time-budget': { type: 'string' },
      shard: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
      version: { type: 'boolean', short: 'v', default: false },
    },
  });
  if (values.help) {
    // Loaded only here: the rules pull in the parser, which a cached run never needs.
    const { RULE_IDS } = await import('../core/rules/index.js');
    io.stdout(`${HELP}${RULE_IDS.join(', ')}\n`);
    return 0;
  }
  if (values.version) { io.stdout(`${TOOL_VERSION}\n`); return 0; }
  // `report --html FILE` prints nothing unless a format is asked for as well.
  const format = values.format ?? (report ? (values.html !== undefined ? undefined : 'html') : 'stylish');
  if (format !== undefined && !FORMATS.includes(format)) throw new UsageError(`unknown format "${format}" (${FORMATS.join(', ')})`);
  if (values.html === '') throw new UsageError('--html takes a file name');
  if (values['link-base'] !== undefined) (await import('./commands/report.js')).checkLinkBase(values['link-base']);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today takes a date as YYYY-MM-DD');
  if (values.locale !== undefined && !/^(en|ko)([-_].*)?$/i.test(values.locale)) throw new UsageError('--locale takes en or ko');
  const workers = values.workers === undefined ? undefined : Number(values.workers);
  if (workers !== undefined && (!Number.isInteger(workers) || workers < 0 || workers > 64)) throw new UsageError('--workers takes a whole number from 0 to 64');
  const budget = values['time-budget'] === undefined ? undefined : Number(values['time-budget']);
  if (budget !== undefined && !(Number.isFinite(budget) && budget >= 0.1 && budget <= 3600)) throw new UsageError('--time-budget takes seconds from 0.1 to 3600');
  const shard = values.shard !== undefined ? parseShard(values.shard) : undefined;
  const locale = detectLocale(values.locale);
  const cacheDir = values['no-cache'] ? null : values['cache-location'] ? resolve(io.cwd, values['cache-location']) : defaultCacheDir(io.cwd, io.env, values.config);

  const progress = format === 'stylish' && !values.quiet && io.stderrIsTTY ? progressLine(io.stderr) : undefined;
  let results: FileResult[];
  try {
    results = await lintPaths(positionals, {
      cwd: io.cwd, locale, fix: values.fix, cacheDir,
      // Only the Markdown report (and github's job summary, which is one) prints tasks.
      tasks: format === 'markdown' || format === 'github',
      ...(values.today ? { today: values.today } : {}), ...(values.config ? { configFile: values.config } : {}),
      ...(workers !== undefined ? { workers } : {}), ...(shard ? { shard } : {}),
      ...(budget !== undefined ? { timeBudgetMs: budget * 1000 } : {}),
      ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
    });
  } finally {
    progress?.end();
  }
  if (values.quiet) results = results.map(errorsOnly);
  const ctx: FormatContext = { cwd: io.cwd, color: io.isTTY && !io.env['NO_COLOR'], locale };
  const htmlOptions = { cwd: io.cwd, locale, today: values.today, linkBase: values['link-base'] };
  if (values.html !== undefined) {
    const target = await (await import('./commands/report.js')).writeHtmlReport(values.html, results, htmlOptions);
    if (format === undefined) io.stderr(`playbook-lint: report of ${results.length} playbook${results.length === 1 ? '' : 's'} written to ${target}\n`);
  }
  if (format === 'html') io.stdout((await import('./commands/report.js')).renderHtmlReport(results, htmlOptions));
  else if (format === 'json' && io.stdoutBytes) io.stdoutBytes(formatJsonParts(results));
  else if (format !== undefined) io.stdout(await render(format, results, ctx));
  if (format === 'github') {
    // In GitHub Actions the readable report goes to the job summary as well.
    const [{ appendStepSummary }, { formatMarkdown }] = await Promise.all([import('./formatters/github.js'), import('./formatters/markdown.js')]);
    await appendStepSummary(formatMarkdown(results, ctx), io.env);
  }
  return results.some(hasError) ? 1 : 0;
}

/** --quiet: the error-severity findings only (the stored output no longer matches, so it goes). */
export function errorsOnly(r: FileResult): FileResult {
  return { path: r.path, file: r.file, client: r.client, owner: r.owner, lang: r.lang, completeness: r.completeness,
    findings: r.findings.filter((f) => f.severity === 'error'), ...(r.fixed ? { fixed: true } : {}) };
}

export async function render(format: string, results: FileResult[], ctx: FormatContext): Promise<string> {
  switch (format) {
    case 'json': return formatJson(results);
    case 'sarif': return (await import('./formatters/sarif.js')).formatSarif(results, ctx);
    case 'github': return (await import('./formatters/github.js')).formatGithub(results, ctx);
    case 'markdown': return (await import('./formatters/markdown.js')).formatMarkdown(results, ctx);
    default: return formatStylish(results, ctx);
  }
}

/**
 * The config's cacheLocation (relative to the config), else node_modules/.cache/playbook-lint
 * where a node_modules folder exists above, else the user's cache folder: never a new
 * node_modules in a playbook repository.
 */
function defaultCacheDir(cwd: string, env: NodeJS.ProcessEnv, configFile?: string): string {
  const config = new ConfigResolver(configFile ? resolve(cwd, configFile) : undefined).configFileFor(cwd);
  if (config) {
    try {
      const location = readConfigSync(config).cacheLocation;
      if (location) return resolve(dirname(config), location);
    } catch {
      // A bad config is reported by the lint itself.
    }
  }
  for (let d = cwd; ; d = dirname(d)) {
    if (existsSync(join(d, 'node_modules'))) return join(d, 'node_modules/.cache/playbook-lint');
    if (dirname(d) === d) break;
  }
  const base = env['XDG_CACHE_HOME'] || join(homedir(), '.cache');
  return join(base, 'playbook-lint', createHash('sha1').update(cwd).digest('hex').slice(0, 12));
}

function processIO(): CliIO {
  // A reader that stops early (`playbook-lint . --format json | head`) closes the pipe:
  // stop quietly, as other command-line tools do, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code !== 'EPIPE') throw e;
    process.exit();
  });
  return {
    cwd: process.cwd(),
    stdout: (s) => process.stdout.write(s),
    stdoutBytes: writeStdoutParts,
    stderr: (s) => process.stderr.write(s),
    env: process.env,
    isTTY: !!process.stdout.isTTY,
    stderrIsTTY: !!process.stderr.isTTY,
  };
}

