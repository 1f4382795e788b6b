// `playbook-lint diff --base REF [--head REF] [--format ...] [--fail-on new|any]
// [--config-from base|head] [paths...]`: how a change moves each playbook's
// onboarding completeness, as a terminal report, JSON, GitHub annotations plus the
// job summary, SARIF, or a pull-request comment in Markdown.
import { parseArgs } from 'node:util';
import { ConfigError } from '../../core/config.js';
import { toLocale } from '../../core/messages/index.js';
import type { Locale } from '../../core/types.js';
import { buildDiffReport, reportFails, type DiffFile, type DiffReport } from '../../node/diff-report.js';
import { GitError } from '../../node/git.js';
import { parseShard, type Shard } from '../../node/shard.js';
import { appendStepSummary, formatDiffGithub } from '../formatters/github.js';
import { formatDiffMarkdown } from '../formatters/markdown.js';
import { formatDiffSarif } from '../formatters/sarif.js';
import { publicFinding } from '../formatters/json.js';
import { secretFindings } from '../../node/diff-secrets.js';
import { SECRET_RULE_ID } from '../../core/rules/ids.js';

export interface DiffIo {
  cwd: string;
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  env: NodeJS.ProcessEnv;
  /** Whether stdout is a terminal (colour by default when it is and NO_COLOR is unset). */
  isTTY?: boolean;
}

const FORMATS = ['stylish', 'json', 'github', 'sarif', 'markdown'] as const;
type Format = (typeof FORMATS)[number];

export const DIFF_USAGE = `Usage: playbook-lint diff --base REF [--head REF] [options] [paths...]

Compare the playbooks changed between the merge base of REF and the head
(default: the working tree, uncommitted edits included).

Options:
  --base REF               the branch or commit to compare with (required), e.g. origin/main
  --head REF               the commit to report on (default: the working tree)
  --format FORMAT          stylish (default), json, github, sarif or markdown
  --fail-on new|any        exit 1 when the head adds an error (new, default) or has any error (any)
                           in a changed playbook
  --config-from base|head  read .playbook-lint.jsonc and the profile/packs it names from the base
                           commit (a PR cannot relax its own checks) or from the head (default)
  --time-budget SECONDS    how long one file (either side) may take to lint before it is given up
                           with one file-unreadable finding (default 5, plus 5 per MB; env
                           PLAYBOOK_LINT_FILE_TIMEOUT_MS in milliseconds)
  --locale en|ko           language of messages (default: from LANG)
  --shard i/n              only the changed playbooks of shard i of n (a large change on a CI
                           matrix; join the shards' --format json with "playbook-lint merge")
  --color, --no-color      colour in the stylish output (default: on in a terminal unless NO_COLOR)
  -h, --help               show this help

Exit codes: 0 no failure, 1 failure per --fail-on, 2 usage error or bad ref.
`;

class UsageError extends Error {}

function pick<T extends string>(value: string | undefined, allowed: readonly T[], flag: string, fallback: T): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new UsageError(`${flag} must be one of ${allowed.join(', ')} (got ${JSON.stringify(value)})`);
}

export async function runDiff(argv: string[], io: DiffIo): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  let positionals: string[];
  try {
    ({ values, positionals } = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: {
        base: { type: 'string' },
        head: { type: 'string' },
        format: { type: 'string', short: 'f' },
        'fail-on': { type: 'string' },
        'config-from': { type: 'string' },
        'time-budget': { type: 'string' },
        locale: { type: 'string' },
        today: { type: 'string' },
        shard: { type: 'string' },
        color: { type: 'boolean' },
        'no-color': { type: 'boolean' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (e) {
    io.stderr(`playbook-lint diff: ${(e as Error).message}\n\n${DIFF_USAGE}`);
    return 2;
  }
  if (values['help']) { io.stdout(DIFF_USAGE); return 0; }

  let format: Format;
  let failOn: 'new' | 'any';
  let configFrom: 'base' | 'head';
  let locale: Locale;
  const today = values['today'] as string | undefined;
  let timeBudgetMs: number | undefined;
  let shard: Shard | undefined;
  try {
    if (typeof values['shard'] === 'string') shard = parseShard(values['shard']);
    if (values['time-budget'] !== undefined) {
      const b = Number(values['time-budget']);
      if (!(Number.isFinite(b) && b >= 0.1 && b <= 3600)) throw new UsageError('--time-budget takes seconds from 0.1 to 3600');
      timeBudgetMs = b * 1000;
    }
    if (typeof values['base'] !== 'string') throw new UsageError('--base REF is required (for example --base origin/main)');
    format = pick(values['format'] as string | undefined, FORMATS, '--format', 'stylish');
    failOn = pick(values['fail-on'] as string | undefined, ['new', 'any'] as const, '--fail-on', 'new');
    configFrom = pick(values['config-from'] as string | undefined, ['base', 'head'] as const, '--config-from', 'head');
    const loc = values['locale'] as string | undefined;
    locale = toLocale(loc ?? io.env['LC_ALL'] ?? io.env['LC_MESSAGES'] ?? io.env['LANG'] ?? 'en');
    if (today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(today)) throw new UsageError('--today must be YYYY-MM-DD');
  } catch (e) {
    io.stderr(`playbook-lint diff: ${(e as Error).message}\n`);
    return 2;
  }
  const color = values['no-color'] ? false : values['color'] === true
    || (!!io.env['FORCE_COLOR'] && io.env['FORCE_COLOR'] !== '0')
    || (io.isTTY === true && !io.env['NO_COLOR']);

  let report: DiffReport;
  try {
    report = await buildDiffReport({
      cwd: io.cwd, base: values['base'] as string, ...(typeof values['head'] === 'string' ? { head: values['head'] } : {}),
      paths: positionals, configFrom, locale, env: io.env, ...(today ? { today } : {}),
      ...(timeBudgetMs !== undefined ? { timeBudgetMs } : {}), ...(shard ? { shard } : {}),
    });
  } catch (e) {
    if (e instanceof GitError || e instanceof ConfigError || e instanceof UsageError) {
      const where = e instanceof ConfigError ? ` (configuration from the ${configFrom})` : '';
      io.stderr(`playbook-lint diff: ${e.message}${where}\n`);
      return 2;
    }
    throw e;
  }

  const markdown = () => formatDiffMarkdown(report, { locale, ...linkOptions(report, io.env) });
  switch (format) {
    case 'json': io.stdout(formatDiffJson(report)); break;
    case 'sarif': io.stdout(formatDiffSarif(report)); break;
    case 'markdown': io.stdout(markdown()); break;
    case 'github': {
      io.stdout(formatDiffGithub(report));
      try {
        await appendStepSummary(markdown(), io.env);
      } catch (e) {
        io.stderr(`playbook-lint diff: cannot write the step summary: ${(e as Error).message}\n`);
      }
      break;
    }
    default: io.stdout(formatDiffStylish(report, color));
  }
  return reportFails(report, failOn) ? 1 : 0;
}

/** Links to the head's files on GitHub when run in Actions for a commit. */
function linkOptions(report: DiffReport, env: NodeJS.ProcessEnv): { linkBase?: string } {
  const server = env['GITHUB_SERVER_URL'];
  const repo = env['GITHUB_REPOSITORY'];
  if (!server || !repo || report.head === 'worktree' || !/^https?:\/\/[^\s]+$/.test(server) || !/^[\w.-]+\/[\w.-]+$/.test(repo)) return {};
  return { linkBase: `${server.replace(/\/$/, '')}/${repo}/blob/${report.head}/` };
}

/**
 * `--format json`: `{ base, head, files: [{ file, previousFile, status, client, before, after, newFindings, fixedFindings, tasks: { ticked, overdue } }] }`;
 * when a changed playbook's head holds a secret, `secrets` comes before `files`: every secret finding in the changed
 * playbooks' heads (`{ file, ...finding }`, never the text).
 */
export function diffJson(report: DiffReport): unknown {
  const secrets = secretFindings(report);
  return {
    base: report.base,
    head: report.head,
    ...(secrets.length ? { secrets: secrets.map(({ file, finding }) => ({ file, ...publicFinding(finding) })) } : {}),
    files: report.files.map((f) => ({
      file: f.file,
      previousFile: f.previousFile,
      status: f.status,
      client: f.client,
      before: f.before,
      after: f.after,
      newFindings: f.newFindings.map(publicFinding),
      fixedFindings: f.fixedFindings.map(publicFinding),
      tasks: f.tasks,
    })),
  };
}

export function formatDiffJson(report: DiffReport): string {
  return `${JSON.stringify(diffJson(report), null, 2)}\n`;
}

const SGR = { red: 31, yellow: 33, green: 32, dim: 2, bold: 1, cyan: 36 } as const;

/** The terminal report: one block per changed playbook with its score move and new findings. */
export function formatDiffStylish(report: DiffReport, color: boolean): string {
  const c = (code: keyof typeof SGR, s: string) => (color ? `\u001b[${SGR[code]}m${s}\u001b[0m` : s);
  if (!report.files.length) return `No playbooks changed since ${report.base.slice(0, 12)}.\n`;
  const out: string[] = [];
  const secrets = secretFindings(report);
  if (secrets.length) {
    out.push(c('red', c('bold', `✖ ${secrets.length} secret${secrets.length === 1 ? '' : 's'} in the changed playbooks: the check fails whatever --fail-on says.`)),
      c('red', '  Deleting a secret in a later commit does not remove it from the git history: move it to the password manager and rotate it.'), '');
  }
  for (const f of report.files) out.push(...stylishFile(f, c), '');
  const fresh = report.files.flatMap((f) => f.newFindings);
  const errors = fresh.filter((x) => x.severity === 'error').length;
  const fixed = report.files.reduce((n, f) => n + f.fixedFindings.length, 0);
  const summary = `${report.files.length} playbook${report.files.length === 1 ? '' : 's'} changed, ${fresh.length} new problem${fresh.length === 1 ? '' : 's'} (${errors} error${errors === 1 ? '' : 's'}), ${fixed} fixed`;
  out.push(errors ? c('red', c('bold', summary)) : c('bold', summary));
  return `${out.join('\n')}\n`;
}

function stylishFile(f: DiffFile, c: (code: keyof typeof SGR, s: string) => string): string[] {
  const name = f.status === 'renamed' && f.previousFile ? `${f.previousFile} → ${f.file}` : f.file;
  const scores = f.before && f.after ? `${f.before.score}% → ${f.after.score}%` : f.after ? `${f.after.score}%` : `was ${f.before!.score}%`;
  const moved = f.before && f.after ? (f.after.score > f.before.score ? c('green', scores) : f.after.score < f.before.score ? c('red', scores) : scores) : scores;
  const lines = [`${c('bold', name)}  ${c('dim', `${f.client ?? '(no client)'} · ${f.status}`)}  ${moved}`];
  // Every secret in the head (new or not) first, then the other new findings.
  const fresh = new Set(f.newFindings);
  const shown = [...f.findings.filter((x) => x.ruleId === SECRET_RULE_ID), ...f.newFindings.filter((x) => x.ruleId !== SECRET_RULE_ID)];
  const width = Math.max(0, ...shown.map((x) => `${x.line}:${x.column}`.length));
  for (const x of shown) {
    const sev = x.severity === 'error' || x.ruleId === SECRET_RULE_ID ? c('red', 'error  ') : x.severity === 'warning' ? c('yellow', 'warning') : c('cyan', 'info   ');
    const isNew = fresh.has(x) || f.newFindings.some((n) => n.key === x.key);
    lines.push(`  ${`${x.line}:${x.column}`.padEnd(width)}  ${sev}  ${x.message}  ${c('dim', x.ruleId)}${isNew ? `  ${c('dim', '(new)')}` : ''}`);
  }
  if (f.fixedFindings.length) lines.push(`  ${c('green', `${f.fixedFindings.length} fixed`)}: ${[...new Set(f.fixedFindings.map((x) => x.ruleId))].join(', ')}`);
  // Shards merged from JSON of an older version carry no tasks.
  for (const x of f.tasks?.ticked ?? []) lines.push(`  ${c('green', 'ticked off')}  ${x.text}  ${c('dim', `line ${x.line}`)}`);
  for (const x of f.tasks?.overdue ?? []) lines.push(`  ${c('red', 'overdue')}  ${x.text}${x.due ? `  due ${x.due}` : ''}${x.owners.length ? `  ${x.owners.map((o) => (x.kind === 'task' ? `@${o}` : o)).join(' ')}` : ''}  ${c('dim', `line ${x.line}`)}`);
  return lines;
}
