// `playbook-lint init`: write a commented .playbook-lint.jsonc with the defaults.
import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CONFIG_FILE } from '../../core/config.js';
import { UsageError } from '../../node/lint-files.js';
import type { CliIO } from '../main.js';

export const CONFIG_TEMPLATE = `{
  // Playbook Lint configuration. Schema: node_modules/playbook-lint/schemas/config.schema.json
  "$schema": "./node_modules/playbook-lint/schemas/config.schema.json",

  // Which Markdown files are playbooks (globs relative to this file).
  // Without this list, a Markdown file whose frontmatter has "client:" is a playbook.
  // "playbooks": ["clients/**/*.md"],

  // Files and folders never linted (.gitignore is respected too).
  "ignores": ["archive/**"],

  // Rule severities: "off", "info", "warning" or "error".
  "rules": {
    // "jargon": "warning"
  },

  // Language of playbooks that do not say "lang:" in their frontmatter: "en" or "ko".
  "lang": "en"

  // A custom profile that extends or replaces the default (see docs/profiles.md):
  // "profile": "./playbook.profile.json",
  // Extra phrase packs (same format as the bundled ones):
  // "phrasePacks": ["./phrases/house-style.json"]
}
`;

export async function runInit(argv: string[], io: CliIO): Promise<number> {
  if (argv.some((a) => a !== '--force')) throw new UsageError('init takes no arguments except --force');
  const file = join(io.cwd, CONFIG_FILE);
  if (existsSync(file) && !argv.includes('--force')) throw new UsageError(`${CONFIG_FILE} already exists (use --force to overwrite)`);
  await writeFile(file, CONFIG_TEMPLATE, 'utf8');
  io.stdout(`Created ${CONFIG_FILE}\n`);
  return 0;
}
