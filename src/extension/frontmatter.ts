// Completion and hover in a playbook's frontmatter, from the profile schema that
// applies to the file (key names with descriptions, enum values, date format, the why).
import * as vscode from 'vscode';
import type { FieldDef, Profile } from '../core/index.js';
import { engine } from './engine.js';
import type { ConfigStore } from './configs.js';

const FENCE = /^---[ \t]*$/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** The 0-based lines strictly inside the frontmatter block: [first, last], or undefined. An unclosed block runs to the end. */
export function frontmatterLines(document: vscode.TextDocument): [number, number] | undefined {
  if (document.lineCount < 2 || !FENCE.test(document.lineAt(0).text.replace(/^\uFEFF/, ''))) return undefined;
  for (let i = 1; i < document.lineCount; i++) if (CLOSE.test(document.lineAt(i).text)) return [1, i - 1];
  return [1, document.lineCount - 1];
}

function inFrontmatter(document: vscode.TextDocument, line: number): boolean {
  const r = frontmatterLines(document);
  return !!r && line >= r[0] && line <= r[1];
}

function enumOf(field: FieldDef): unknown[] | undefined {
  const e = field.schema['enum'];
  return Array.isArray(e) ? e : undefined;
}

function today(): string {
  const d = new Date();
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

function lang(): string {
  return engine().toLocale(vscode.env.language);
}

/** For a key with known values (services): each value, its title, a few aliases, and what it makes required (the profile's if/then). */
function knownValuesDoc(field: FieldDef, profile: Profile | undefined, l: string, md: vscode.MarkdownString): void {
  if (!field.knownValues.length) return;
  md.appendMarkdown(`${vscode.l10n.t('Known values')}:\n\n`);
  for (const k of field.knownValues) {
    const requires: string[] = [];
    for (const c of profile?.conditions ?? []) {
      if (!c.clauses.some((cl) => cl.key === field.key && cl.values.includes(k.value))) continue;
      for (const s of c.sections) requires.push(`**${(engine().pickLang(profile!.section(s.id)?.headings, l) || s.id).replace(/[\\`*_[\]<>]/g, '')}**`);
      for (const f of c.fields) requires.push(`\`${f.key}\``);
    }
    md.appendMarkdown(`- \`${k.value}\` `).appendText(engine().pickLang(k.title, l));
    const code = (v: string) => `\`${v.replace(/`/g, "'")}\``;
    if (k.aliases.length) md.appendMarkdown(` · ${k.aliases.slice(0, 4).map(code).join(', ')}${k.aliases.length > 4 ? ', …' : ''}`);
    if (requires.length) md.appendMarkdown(` → ${vscode.l10n.t('requires')} ${[...new Set(requires)].join(', ')}`);
    md.appendMarkdown('\n');
  }
  md.appendMarkdown('\n').appendText(vscode.l10n.t('Case, spaces and underscores do not matter; other values are fine too.')).appendMarkdown('\n\n');
}

/** Markdown documentation of a frontmatter key: description, hint, why, values or format. */
export function fieldDoc(field: FieldDef, profile?: Profile): vscode.MarkdownString {
  const l = lang();
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${field.key}** · ${field.required ? vscode.l10n.t('required') : vscode.l10n.t('optional')}\n\n`);
  const hint = engine().pickLang(field.hint, l);
  const description = l === 'en' || !hint ? field.description || hint : hint;
  if (description) md.appendText(description).appendMarkdown('\n\n');
  const why = engine().pickLang(field.why, l);
  if (why) md.appendMarkdown(`*${vscode.l10n.t('Why')}:* `).appendText(why).appendMarkdown('\n\n');
  const values = enumOf(field);
  if (values) md.appendMarkdown(`${vscode.l10n.t('Values')}: ${values.map((v) => `\`${String(v)}\``).join(', ')}\n\n`);
  if (field.schema['format'] === 'date') md.appendMarkdown(`${vscode.l10n.t('Format')}: \`YYYY-MM-DD\`\n\n`);
  knownValuesDoc(field, profile, l, md);
  return md;
}

function escapeSnippet(s: string): string {
  return s.replace(/[$}\\]/g, (c) => `\\${c}`);
}

function valueSnippet(field: FieldDef): string {
  const values = enumOf(field);
  if (values?.length) return `\${1|${values.map((v) => String(v).replace(/[,|]/g, (c) => `\\${c}`)).join(',')}|}`;
  if (field.schema['format'] === 'date') return `\${1:${today()}}`;
  if (field.schema['type'] === 'array') return '[$1]';
  const placeholder = field.placeholder && field.placeholder !== '""' ? field.placeholder : field.schema['type'] === 'string' ? '""' : '';
  return placeholder === '""' ? '"$1"' : `\${1:${escapeSnippet(placeholder)}}`;
}

export class FrontmatterAssist implements vscode.CompletionItemProvider, vscode.HoverProvider {
  constructor(private readonly configs: ConfigStore) {}

  private async profile(document: vscode.TextDocument): Promise<Profile> {
    const setup = await this.configs.setupFor(document.uri);
    return setup.linter.options.profile;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!inFrontmatter(document, position.line)) return undefined;
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const profile = await this.profile(document);
    const fields = profile.fields;
    // Inside a flow list of a key with known values ("services: [seo, pa|"): the values not yet listed.
    const listTyped = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*\[([^\]]*?)([^,\[\]\s"']*)$/.exec(before);
    const listField = listTyped ? fields.find((f) => f.key === listTyped[1] && f.knownValues.length) : undefined;
    if (listTyped && listField) {
      const range = new vscode.Range(position.line, position.character - listTyped[3]!.length, position.line, position.character);
      const listed = new Set(listTyped[2]!.split(',').map((v) => engine().normalizeValue(v.replace(/["']/g, ''))));
      return listField.knownValues.filter((k) => !listed.has(k.value)).map((k, i) => {
        const item = new vscode.CompletionItem(k.value, vscode.CompletionItemKind.EnumMember);
        item.range = range;
        item.sortText = String(i).padStart(3, '0');
        item.detail = engine().pickLang(k.title, lang());
        item.documentation = fieldDoc(listField, profile);
        return item;
      });
    }
    const keyTyped = /^([A-Za-z_][\w-]*)?$/.exec(before);
    if (keyTyped) {
      const range = new vscode.Range(position.line, 0, position.line, position.character);
      const r = frontmatterLines(document)!;
      const present = new Set<string>();
      for (let i = r[0]; i <= r[1]; i++) {
        if (i === position.line) continue;
        const m = /^["']?([\w-]+)["']?\s*:/.exec(document.lineAt(i).text);
        if (m) present.add(m[1]!);
      }
      return fields.filter((f) => !present.has(f.key)).map((f) => {
        const item = new vscode.CompletionItem({ label: f.key, description: f.required ? vscode.l10n.t('required') : vscode.l10n.t('optional') },
          vscode.CompletionItemKind.Property);
        item.insertText = new vscode.SnippetString(`${f.key}: ${valueSnippet(f)}`);
        item.documentation = fieldDoc(f, profile);
        item.detail = engine().pickLang(f.hint, lang()) || f.description;
        item.range = range;
        item.sortText = `${f.required ? 0 : 1}${f.key}`;
        return item;
      });
    }
    const valueTyped = /^([A-Za-z_][\w-]*)[ \t]*:[ \t]*("?)([^"\s]*)$/.exec(before);
    if (!valueTyped) return undefined;
    const field = fields.find((f) => f.key === valueTyped[1]);
    if (!field) return undefined;
    const range = new vscode.Range(position.line, position.character - valueTyped[3]!.length, position.line, position.character);
    const values: string[] = enumOf(field)?.map(String) ?? (field.schema['format'] === 'date' ? [today()] : field.schema['type'] === 'boolean' ? ['true', 'false'] : []);
    return values.map((v, i) => {
      const item = new vscode.CompletionItem(v, vscode.CompletionItemKind.EnumMember);
      item.range = range;
      item.sortText = String(i).padStart(3, '0');
      item.documentation = fieldDoc(field, profile);
      if (field.schema['format'] === 'date') item.detail = 'YYYY-MM-DD';
      return item;
    });
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!inFrontmatter(document, position.line)) return undefined;
    const m = /^(["']?)([A-Za-z_][\w-]*)\1[ \t]*:/.exec(document.lineAt(position.line).text);
    if (!m) return undefined;
    const start = m[1]!.length;
    const end = start + m[2]!.length;
    if (position.character < start || position.character > end) return undefined;
    const profile = await this.profile(document);
    const field = profile.fields.find((f) => f.key === m[2]);
    if (!field) return undefined;
    return new vscode.Hover(fieldDoc(field, profile), new vscode.Range(position.line, start, position.line, end));
  }
}
