// `playbook-lint adopt FILE [--client NAME] [--write]`: an existing onboarding document
// becomes a playbook (src/core/adopt.ts). Prints how each heading was read, then the
// unified diff of what adopting adds (or, with --write, writes it and says what it did).
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { FILE_HEADERS_ONLY, createTwoFilesPatch } from 'diff';
import { AdoptError, adoptDocument, adoptSummary, adoptWarnings, formatHeadingTable } from '../../core/adopt.js';
import { translator } from '../../core/messages/index.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../../core/text/decode.js';
import { localDate } from '../../core/template.js';
import type { Lang, Locale } from '../../core/types.js';
import { ConfigResolver, detectLocale, linterFor } from '../../node/config-loader.js';
import { displayPath } from '../../node/host.js';
import { UsageError } from '../../node/lint-files.js';
import { packageRoot } from '../../node/package-root.js';
import { writeTextAtomic } from '../../node/write-file.js';
import type { CliIO } from '../main.js';
import { gitUserName } from './new.js';

export const ADOPT_USAGE = 'playbook-lint adopt FILE [--client NAME] [--owner NAME] [--today YYYY-MM-DD] [--write]';

const HELP = `Usage: ${ADOPT_USAGE}

Turns an existing onboarding document into a playbook, by insertions only: a
frontmatter (client from --client, else the document's title, else the file name;
start_date today; the other required keys as placeholders), or the required keys an
existing frontmatter lacks; and each missing section, with the template's heading and
guidance, where the profile's order puts it among the sections the document has.
Nothing of the document is removed, reordered or rewritten; running it again adds
nothing. Prints how each heading was read, then the diff; --write applies it.

Options:
      --client <name>       the client's name (when the frontmatter has none)
      --owner <name>        account_owner (default: git config user.name)
      --today <YYYY-MM-DD>  the start_date written (default: today)
      --write               write the file (UTF-8 only; BOM and line endings kept; temp file + rename)
  -c, --config <file>       use this config (profile, lang) instead of looking for .playbook-lint.jsonc
      --locale <en|ko>      language of the table and messages (default: from LANG)
  -h, --help                show this help

Exit codes: 0 adopted (or nothing to add), 1 the file cannot be read as UTF-8 text, 2 usage or configuration error.
`;

export async function runAdopt(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      client: { type: 'string' },
      owner: { type: 'string' },
      today: { type: 'string' },
      write: { type: 'boolean', default: false },
      config: { type: 'string', short: 'c' },
      locale: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) { io.stdout(HELP); return 0; }
  const files = positionals.filter((p) => p !== '--');
  if (!files.length) throw new UsageError(`adopt needs a file: ${ADOPT_USAGE}`);
  if (files.length > 1) throw new UsageError(`adopt takes one file, not ${files.length}`);
  if (values.today !== undefined && (!/^\d{4}-\d{2}-\d{2}$/.test(values.today) || Number.isNaN(Date.parse(values.today)))) {
    throw new UsageError('--today takes a date as YYYY-MM-DD');
  }
  if (values.locale !== undefined && !/^(en|ko)([-_].*)?$/i.test(values.locale)) throw new UsageError('--locale takes en or ko');
  if (values.client !== undefined && !values.client.trim()) throw new UsageError('--client takes a name');
  const locale: Locale = detectLocale(values.locale);
  const t = translator(locale);
  const path = resolve(io.cwd, files[0]!);
  const shown = displayPath(io.cwd, path);
  const info = await stat(path).catch(() => undefined);
  if (!info) throw new UsageError(`no such file: ${files[0]}`);
  if (!info.isFile()) throw new UsageError(`${files[0]} is not a file (adopt takes one Markdown file)`);

  const notAdopted = (detail: string): number => {
    io.stderr(`playbook-lint: ${t('adopt.not-adopted', { file: shown, detail })}\n`);
    return 1;
  };
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    return notAdopted((e as Error).message);
  }
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    return notAdopted(decoded.reason === 'too-large' ? t('file.too-large', { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` })
      : decoded.reason === 'binary' ? t('file.binary') : t('file.not-utf8', { byte: decoded.byte ?? 0 }));
  }

  // The profile and default language the linter uses for this file (its config, found as lint finds it).
  const resolver = new ConfigResolver(values.config ? resolve(io.cwd, values.config) : undefined);
  const dir = dirname(path);
  const linter = await linterFor(await resolver.load(resolver.configFileFor(dir), dir), locale);
  const templates: Partial<Record<Lang, string>> = {};
  for (const lang of ['en', 'ko'] as const) templates[lang] = await readFile(join(packageRoot(), 'templates', `agency.${lang}.md`), 'utf8');

  let result;
  try {
    result = adoptDocument(decoded.text, {
      profile: linter.options.profile, defaultLang: linter.options.defaultLang ?? 'en', fileName: path,
      today: values.today ?? localDate(), templates, locale,
      ...(values.client !== undefined ? { client: values.client } : {}),
      accountOwner: values.owner ?? gitUserName(dir),
    });
  } catch (e) {
    if (e instanceof AdoptError) return notAdopted(e.message);
    throw e;
  }

  const color = io.isTTY && !io.env['NO_COLOR'];
  let out = formatHeadingTable(result, locale);
  if (result.changed && !values.write) out += `\n${colorDiff(unifiedDiff(shown, decoded.text, result.text), color)}`;
  if (result.changed && values.write) await writeTextAtomic(path, result.text);
  out += `\n${adoptSummary(result, shown, values.write, locale)}\n`;
  for (const w of adoptWarnings(result, linter.options.profile, locale)) out += `${w}\n`;
  io.stdout(out);
  return 0;
}

/** The unified diff (git's a/ b/ names, 3 lines of context) of two texts, their BOMs left out (adopting keeps it). */
export function unifiedDiff(file: string, before: string, after: string): string {
  const strip = (s: string) => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);
  return createTwoFilesPatch(`a/${file}`, `b/${file}`, strip(before), strip(after), undefined, undefined,
    { context: 3, headerOptions: FILE_HEADERS_ONLY });
}

function colorDiff(patch: string, color: boolean): string {
  if (!color) return patch;
  return patch.replace(/^(.*)$/gm, (line) => line.startsWith('+++') || line.startsWith('---') ? `\x1b[1m${line}\x1b[22m`
    : line.startsWith('+') ? `\x1b[32m${line}\x1b[39m` : line.startsWith('-') ? `\x1b[31m${line}\x1b[39m`
      : line.startsWith('@@') ? `\x1b[36m${line}\x1b[39m` : line);
}
