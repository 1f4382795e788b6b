// Quick fixes from the engine's own `finding.fix` (replace a phrase, insert a
// missing section, add a frontmatter key), disable comments for a line or the
// file, and `source.fixAll.playbookLint`. Every edit is a WorkspaceEdit built from
// the document version the findings were computed for; nothing is written to disk.
import * as vscode from 'vscode';
import type { Finding, Fix } from '../core/index.js';
import { addToDate } from '../core/tasks.js';
import { localDate } from '../core/template.js';
import { SOURCE, type Linting } from './linting.js';
import { offsetRange, toRange } from './positions.js';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('playbookLint');

const FRONTMATTER_END = /^\uFEFF?---[ \t]*\r?\n[\s\S]*?\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Lines (0-based) the frontmatter block covers; -1 when there is none. Disable comments cannot go there. */
export function frontmatterLastLine(document: vscode.TextDocument): number {
  const m = FRONTMATTER_END.exec(document.getText());
  if (!m) return -1;
  const end = document.positionAt(m[0].length);
  return end.character === 0 ? end.line - 1 : end.line;
}

/** The finding a diagnostic was made from. */
export function findingFor(findings: Finding[], d: vscode.Diagnostic): Finding | undefined {
  if (d.source !== SOURCE) return undefined;
  const id = typeof d.code === 'object' ? d.code.value : d.code;
  return findings.find((f) => f.ruleId === id && f.message === d.message && toRange(f).isEqual(d.range))
    ?? findings.find((f) => f.ruleId === id && f.message === d.message);
}

/** The fixes the engine would apply together (its applyFixes rules: no overlaps, last wins, no duplicates), in document order. */
export function compatibleFixes(findings: Finding[]): Fix[] {
  const list = findings.map((f, i) => ({ fix: f.fix, i })).filter((x): x is { fix: Fix; i: number } => !!x.fix)
    .sort((a, b) => b.fix.start - a.fix.start || b.i - a.i);
  const kept: Array<{ fix: Fix; i: number }> = [];
  const seen = new Set<string>();
  let floor = Infinity;
  for (const x of list) {
    if (x.fix.end > floor) continue;
    const id = `${x.fix.start}:${x.fix.end}:${x.fix.text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    kept.push(x);
    floor = x.fix.start;
  }
  return kept.reverse().map((x) => x.fix);
}

export function fixAllEdit(document: vscode.TextDocument, findings: Finding[]): vscode.WorkspaceEdit | undefined {
  const fixes = compatibleFixes(findings);
  if (!fixes.length) return undefined;
  const edit = new vscode.WorkspaceEdit();
  for (const fix of fixes) edit.replace(document.uri, offsetRange(document, fix.start, fix.end), fix.text);
  return edit;
}

function eolOf(document: vscode.TextDocument): string {
  return document.eol === vscode.EndOfLine.CRLF ? '\r\n' : '\n';
}

const TASK_BOX = /^(\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+)\[ \]/;

/**
 * An overdue task: tick it off (with today as its done date), or move its due date a week
 * from today. Editor actions only: the engine offers no fix for it, so `--fix` never ticks
 * tasks off or moves dates.
 */
export function overdueTaskActions(document: vscode.TextDocument, finding: Finding, diagnostic: vscode.Diagnostic): vscode.CodeAction[] {
  const today = localDate();
  const range = toRange(finding);
  const out: vscode.CodeAction[] = [];
  // The box is on the item's first line: the due date's line or one above it (a task written over several lines).
  for (let l = finding.line - 1; l >= 0 && l >= finding.line - 50; l--) {
    const m = TASK_BOX.exec(document.lineAt(l).text);
    if (!m) continue;
    const done = new vscode.CodeAction(vscode.l10n.t('Mark the task done ({0})', today), vscode.CodeActionKind.QuickFix);
    done.edit = new vscode.WorkspaceEdit();
    done.edit.replace(document.uri, new vscode.Range(l, m[1]!.length, l, m[1]!.length + 3), '[x]');
    done.edit.insert(document.uri, range.end, ` done:${today}`);
    done.diagnostics = [diagnostic];
    out.push(done);
    break;
  }
  const later = addToDate(today, 7, 0)!;
  const postpone = new vscode.CodeAction(vscode.l10n.t('Move the due date to {0}', later), vscode.CodeActionKind.QuickFix);
  postpone.edit = new vscode.WorkspaceEdit();
  postpone.edit.replace(document.uri, range, document.getText(range).replace(/\d{4}-\d{2}-\d{2}/, later));
  postpone.diagnostics = [diagnostic];
  out.push(postpone);
  return out;
}

export class PlaybookCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };

  constructor(private readonly linting: Linting) {}

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): Promise<vscode.CodeAction[]> {
    const result = await this.linting.resultFor(document);
    if (!result) return [];
    const actions: vscode.CodeAction[] = [];
    const only = context.only;
    if (only?.contains(FIX_ALL_KIND)) {
      const edit = fixAllEdit(document, result.findings);
      if (edit) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable Playbook Lint problems'), FIX_ALL_KIND);
        action.edit = edit;
        actions.push(action);
      }
    }
    if (only && !only.contains(vscode.CodeActionKind.QuickFix) && !vscode.CodeActionKind.QuickFix.contains(only)) return actions;

    const fmLast = frontmatterLastLine(document);
    const eol = eolOf(document);
    const disabledFile = new Set<string>();
    for (const diagnostic of context.diagnostics) {
      const finding = findingFor(result.findings, diagnostic);
      if (!finding) continue;
      if (finding.fix) {
        const action = new vscode.CodeAction(finding.fix.title, vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.replace(document.uri, offsetRange(document, finding.fix.start, finding.fix.end), finding.fix.text);
        action.diagnostics = [diagnostic];
        action.isPreferred = true;
        actions.push(action);
      }
      if (finding.ruleId === 'task-overdue') actions.push(...overdueTaskActions(document, finding, diagnostic));
      const line = finding.line - 1;
      if (line > fmLast) {
        // A comment line above, indented like the line (inside a list item it stays in the item).
        const indent = /^[ \t]*/.exec(document.lineAt(line).text)![0];
        const action = new vscode.CodeAction(vscode.l10n.t('Disable {0} for this line', finding.ruleId), vscode.CodeActionKind.QuickFix);
        action.edit = new vscode.WorkspaceEdit();
        action.edit.insert(document.uri, new vscode.Position(line, 0), `${indent}<!-- playbook-lint-disable-next-line ${finding.ruleId} -->${eol}`);
        action.diagnostics = [diagnostic];
        actions.push(action);
        if (!disabledFile.has(finding.ruleId)) {
          disabledFile.add(finding.ruleId);
          const fileAction = new vscode.CodeAction(vscode.l10n.t('Disable {0} for the entire file', finding.ruleId), vscode.CodeActionKind.QuickFix);
          fileAction.edit = new vscode.WorkspaceEdit();
          // Right after the frontmatter (or at the top), so it covers the whole body.
          const at = new vscode.Position(fmLast + 1, 0);
          const lastLine = document.lineCount - 1;
          const text = `<!-- playbook-lint-disable ${finding.ruleId} -->${eol}`;
          fileAction.edit.insert(document.uri, at.line > lastLine ? document.lineAt(lastLine).range.end : at, at.line > lastLine ? `${eol}${text}` : text);
          fileAction.diagnostics = [diagnostic];
          actions.push(fileAction);
        }
      }
    }
    if (!only) {
      const edit = fixAllEdit(document, result.findings);
      if (edit && result.findings.filter((f) => f.fix).length > 1) {
        const action = new vscode.CodeAction(vscode.l10n.t('Fix all auto-fixable Playbook Lint problems'), vscode.CodeActionKind.QuickFix);
        action.edit = edit;
        actions.push(action);
      }
    }
    return actions;
  }
}
