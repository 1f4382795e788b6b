// How a heading was read (issue #13): a hover on a heading says which section it counts
// as, or why it counts as none, and a refactoring renames it to the section's canonical
// heading. Nothing forces the rename: a heading read by its keywords counts all the same.
import * as vscode from 'vscode';
import type { Profile } from '../core/index.js';
import { engine } from './engine.js';
import type { ConfigStore } from './configs.js';
import type { Linting, Result } from './linting.js';

export const RENAME_KIND = vscode.CodeActionKind.RefactorRewrite.append('playbookLint.renameHeading');

const ATX = /^( {0,3}#{1,6}[ \t]+)(.*?)(?:[ \t]+#+)?[ \t]*$/;
const SETEXT_UNDERLINE = /^ {0,3}(=+|-+)[ \t]*$/;

interface HeadingLine {
  level: number;
  text: string;
  /** Range of the heading's text on its line (markers and closing #s excluded). */
  range: vscode.Range;
}

/** The heading written on a line (ATX, or the text line of a setext heading), if any. */
export function headingAt(document: vscode.TextDocument, line: number): HeadingLine | undefined {
  const text = document.lineAt(line).text;
  const atx = ATX.exec(text);
  if (atx) {
    const start = atx[1]!.length;
    return { level: atx[1]!.trim().length, text: atx[2]!, range: new vscode.Range(line, start, line, start + atx[2]!.length) };
  }
  if (line + 1 < document.lineCount && text.trim() && !/^ {4}/.test(text)) {
    const under = SETEXT_UNDERLINE.exec(document.lineAt(line + 1).text);
    if (under) {
      const start = text.length - text.trimStart().length;
      const body = text.trim();
      return { level: under[1]!.startsWith('=') ? 1 : 2, text: body, range: new vscode.Range(line, start, line, start + body.length) };
    }
  }
  return undefined;
}

function sectionAtLine(result: Result, line: number): string | undefined {
  return Object.entries(result.sections ?? {}).find(([, s]) => s.line === line + 1)?.[0];
}

function title(profile: Profile, id: string, lang: string): string {
  const def = profile.section(id);
  return def ? engine().pickLang(def.headings, lang) || id : id;
}

export class HeadingAssist implements vscode.HoverProvider, vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = { providedCodeActionKinds: [RENAME_KIND] };

  constructor(private readonly linting: Linting, private readonly configs: ConfigStore) {}

  private async read(document: vscode.TextDocument, line: number) {
    const heading = headingAt(document, line);
    if (!heading || heading.level < 2) return undefined;
    const result = await this.linting.resultFor(document);
    const profile = this.configs.cachedSetupFor(document.uri)?.linter.options.profile;
    if (!result || !profile) return undefined;
    return { heading, result, profile, id: sectionAtLine(result, line), reading: profile.readHeading(heading.text) };
  }

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    const r = await this.read(document, position.line);
    if (!r || !r.heading.range.contains(position)) return undefined;
    const lang = engine().toLocale(vscode.env.language);
    const md = new vscode.MarkdownString();
    const name = (id: string) => `**${title(r.profile, id, lang)}**`;
    if (r.id) {
      md.appendMarkdown(vscode.l10n.t('Counts as {0}', name(r.id)));
      md.appendMarkdown(r.reading.via === 'keywords'
        ? `  \n${vscode.l10n.t('Read by its words ({0}% of them name this section).', Math.round(r.reading.score * 100))}`
        : `  \n${vscode.l10n.t('The profile lists this heading for the section.')}`);
    } else if (r.reading.id) {
      const duplicate = r.result.findings.some((f) => f.ruleId === 'duplicate-section' && f.line === position.line + 1);
      md.appendMarkdown(duplicate
        ? vscode.l10n.t('A second {0} section: only the first one counts.', name(r.reading.id))
        : vscode.l10n.t('Part of the {0} section above it.', name(r.reading.id)));
    } else if (r.reading.tied.length > 1) {
      md.appendMarkdown(vscode.l10n.t('Not a section: it names {0} equally, so it counts as neither. Rename it to say which.',
        r.reading.tied.map(name).join(', ')));
    } else {
      md.appendMarkdown(vscode.l10n.t('Not a section of the profile: its text stays part of the section above it.'));
    }
    return new vscode.Hover(md, r.heading.range);
  }

  async provideCodeActions(document: vscode.TextDocument, range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    if (context.only && !context.only.contains(RENAME_KIND) && !RENAME_KIND.contains(context.only)) return [];
    const r = await this.read(document, range.start.line);
    if (!r?.id) return [];
    const canonical = title(r.profile, r.id, r.result.lang);
    if (engine().normalizeHeading(canonical) === engine().normalizeHeading(r.heading.text)) return [];
    const action = new vscode.CodeAction(vscode.l10n.t('Rename heading to "{0}"', canonical), RENAME_KIND);
    action.edit = new vscode.WorkspaceEdit();
    action.edit.replace(document.uri, r.heading.range, canonical);
    return [action];
  }
}
