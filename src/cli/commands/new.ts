// `playbook-lint new "Client Name"`: a playbook from templates/, frontmatter
// prefilled, so its only findings are the to-do list (empty sections, contacts).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { bundledProfile } from '../../core/bundled.js';
import { localDate, parseServices, renderTemplate, slugify } from '../../core/template.js';
import { UsageError } from '../../node/lint-files.js';
import { packageRoot } from '../../node/package-root.js';
import type { CliIO } from '../main.js';

export async function runNew(argv: string[], io: CliIO): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv, allowPositionals: true, strict: true,
    options: {
      lang: { type: 'string', default: 'en' },
      out: { type: 'string' },
      owner: { type: 'string' },
      start: { type: 'string' },
      force: { type: 'boolean', default: false },
      services: { type: 'string' },
    },
  });
  const client = positionals.filter((p) => p !== '--').join(' ').trim();
  if (!client) throw new UsageError('new needs a client name: playbook-lint new "Acme Outdoor Co."');
  const lang = values.lang!.toLowerCase().startsWith('ko') ? 'ko' : values.lang!.toLowerCase().startsWith('en') ? 'en' : null;
  if (!lang) throw new UsageError('--lang takes en or ko');
  const start = values.start ?? localDate();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || Number.isNaN(Date.parse(start))) throw new UsageError('--start takes a date as YYYY-MM-DD');
  const template = await readFile(join(packageRoot(), 'templates', `agency.${lang}.md`), 'utf8');
  // The services pick the template's conditional sections and keys (the profile's if/then decide which).
  const services = values.services !== undefined ? parseServices(values.services) : io.isTTY && process.stdin.isTTY ? await askServices() : [];
  const text = renderTemplate(template, bundledProfile(), { client, account_owner: values.owner ?? gitUserName(io.cwd), start_date: start, lang }, services);
  const out = resolve(io.cwd, values.out ?? `${slugify(client)}.md`);
  if (existsSync(out) && !values.force) throw new UsageError(`${values.out ?? `${slugify(client)}.md`} already exists (use --force to overwrite)`);
  await mkdir(dirname(out), { recursive: true });
  await writeFile(out, text, 'utf8');
  io.stdout(`Created ${out}\nNext: fill in the empty sections and contacts, then run playbook-lint on it.\n`);
  return 0;
}

/** On a terminal, without --services: ask (an empty answer is no services). */
async function askServices(): Promise<string[]> {
  const known = bundledProfile().field('services')?.knownValues.map((k) => k.value).join(', ') ?? '';
  const rl = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return parseServices(await rl.question(`Services, separated by commas (${known}; others are fine too): `));
  } catch {
    return [];
  } finally {
    rl.close();
  }
}

/** The account owner defaults to the person running the command, as git knows them (empty when unknown). */
export function gitUserName(cwd: string): string {
  try {
    return execFileSync('git', ['config', 'user.name'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 5000 }).trim();
  } catch {
    return '';
  }
}
