// `playbook-lint report [paths] --html FILE` and `--format html`: the lead's HTML report
// (formatters/html.ts) with links that work where the page is opened: relative to the
// HTML file's folder (or the current folder on stdout), or under `--link-base URL` (a
// forge's blob URL) with the path from the repository root and `#L<line>`.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, relative, resolve, sep } from 'node:path';
import { localDate } from '../../core/template.js';
import type { Locale } from '../../core/types.js';
import { findRepoRoot } from '../../node/config-loader.js';
import { toPosix } from '../../node/host.js';
import { UsageError, type FileResult } from '../../node/lint-files.js';
import { formatHtml, type ReportEntry } from '../formatters/html.js';

export interface HtmlReportOptions {
  cwd: string;
  locale: Locale;
  /** YYYY-MM-DD (--today); default today. */
  today?: string | undefined;
  /** --link-base: http(s) URL the repository-relative path is appended to. */
  linkBase?: string | undefined;
  /** The folder the page is written to (links are relative to it); default cwd. */
  outDir?: string | undefined;
}

/** A usage error unless the link base is an http(s) URL (never `javascript:` or a local path). */
export function checkLinkBase(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  let url: URL;
  try { url = new URL(value); } catch { throw new UsageError(`--link-base takes an http(s) URL, not "${value}"`); }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new UsageError(`--link-base takes an http(s) URL, not "${value}"`);
  return value.endsWith('/') ? value : `${value}/`;
}

/** A relative path as a URL path: `/` separators, each segment percent-encoded. */
const encodePath = (p: string): string => p.split(sep).join('/').split('/').map(encodeURIComponent).join('/');

export function renderHtmlReport(results: ReadonlyArray<FileResult>, options: HtmlReportOptions): string {
  const linkBase = checkLinkBase(options.linkBase);
  const outDir = toPosix(options.outDir ?? options.cwd);
  const byEntry = new Map<ReportEntry, string>(results.map((r) => [r, r.path]));
  const href = (entry: ReportEntry, line?: number): string | undefined => {
    const path = byEntry.get(entry);
    if (!path) return undefined;
    if (linkBase) {
      const root = findRepoRoot(dirname(path)) ?? toPosix(options.cwd);
      return `${linkBase}${encodePath(relative(root, path))}${line ? `#L${line}` : ''}`;
    }
    const rel = encodePath(relative(outDir, path));
    // "./" first: a file named "javascript:x.md" stays a relative path.
    return rel.startsWith('../') ? rel : `./${rel}`;
  };
  return formatHtml(results, { locale: options.locale, date: options.today ?? localDate(), href });
}

/** Write the page to `file` (its folder created), relative links from there. */
export async function writeHtmlReport(file: string, results: ReadonlyArray<FileResult>, options: HtmlReportOptions): Promise<string> {
  const target = resolve(options.cwd, file);
  const html = renderHtmlReport(results, { ...options, outDir: dirname(target) });
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, html, 'utf8');
  return target;
}
