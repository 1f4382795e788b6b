// Completion and hover in a playbook's frontmatter, from the profile schema that
// applies to the file (key names with descriptions, enum values, date format, the why).
import * as vscode from 'vscode';
import type { FieldDef } from '../core/index.js';
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

/** Markdown documentation of a frontmatter key: description, hint, why, values or format. */
export function fieldDoc(field: FieldDef): vscode.MarkdownString {
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

  private async fields(document: vscode.TextDocument): Promise<FieldDef[]> {
    const setup = await this.configs.setupFor(document.uri);
    return setup.linter.options.profile.fields;
  }

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.CompletionItem[] | undefined> {
    if (!inFrontmatter(document, position.line)) return undefined;
    const before = document.lineAt(position.line).text.slice(0, position.character);
    const fields = await this.fields(document);
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
        item.documentation = fieldDoc(f);
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
      item.documentation = fieldDoc(field);
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
    const field = (await this.fields(document)).find((f) => f.key === m[2]);
    if (!field) return undefined;
    return new vscode.Hover(fieldDoc(field), new vscode.Range(position.line, start, position.line, end));
  }
}
