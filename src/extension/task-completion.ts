// Completion in a playbook's task lines: after "@" the playbook's contacts and the owners
// already used in the workspace; after "due:" (or "마감:", "📅 ") today, a week from today
// and the next check-in's date.
import * as vscode from 'vscode';
import { addToDate, nextCheckIn } from '../core/tasks.js';
import { localDate } from '../core/template.js';
import type { Linting } from './linting.js';

const TASK_LINE = /^\s*(?:>\s*)*(?:[-*+]|\d{1,9}[.)])\s+\[[ xX]\]\s/;
const OWNER_PREFIX = /(?<![\p{L}\p{N}\p{M}._%+\-@/\\])@([\p{L}\p{N}\p{M}._-]*)$/u;
const DUE_PREFIX = /(?:(?<![\p{L}\p{N}_])(?:due|마감):[ \t]?|📅[ \t]*)([\d-]*)$/iu;
const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;

/** Owner tokens for the contact names in a playbook's frontmatter ("Sam Lee": sam, sam.lee). */
export function contactOwners(text: string): string[] {
  const fm = FRONTMATTER.exec(text)?.[1] ?? '';
  const names: string[] = [];
  // Flow style ({ name: "Sam Lee", ... }) or block style (an indented "name:" under the contact key).
  for (const m of fm.matchAll(/^[a-z_]*contact[a-z_]*:\s*\{[^}\n]*?\bname:\s*["']?([^"',}\n]+)/gm)) names.push(m[1]!.trim());
  for (const m of fm.matchAll(/^[a-z_]*contact[a-z_]*:\s*\r?\n(?:[ \t]+[^\n]*\r?\n)*?[ \t]+name:\s*["']?([^"'\n]+)/gm)) names.push(m[1]!.trim());
  const out: string[] = [];
  for (const name of names) {
    const words = name.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}\p{M}._-]/gu, '')).filter(Boolean);
    if (!words.length) continue;
    out.push(words[0]!);
    if (words.length > 1) out.push(words.join('.'));
  }
  return out;
}

export class TaskCompletion implements vscode.CompletionItemProvider {
  constructor(private readonly linting: Linting) {}

  provideCompletionItems(document: vscode.TextDocument, position: vscode.Position): vscode.CompletionItem[] | undefined {
    const before = document.lineAt(position.line).text.slice(0, position.character);
    if (!TASK_LINE.test(before)) return undefined;
    const entry = this.linting.entry(document.uri);
    if (!entry) return undefined;
    const owner = OWNER_PREFIX.exec(before);
    if (owner) {
      const range = new vscode.Range(position.translate(0, -owner[1]!.length), position);
      const seen = new Set<string>();
      const out: vscode.CompletionItem[] = [];
      const add = (name: string, detail: string, sort: string) => {
        if (seen.has(name.toLowerCase())) return;
        seen.add(name.toLowerCase());
        const item = new vscode.CompletionItem(name, vscode.CompletionItemKind.User);
        item.range = range;
        item.detail = detail;
        item.sortText = `${sort}${name}`;
        out.push(item);
      };
      for (const name of contactOwners(document.getText())) add(name, vscode.l10n.t('contact in this playbook'), '0');
      for (const e of this.linting.workspaceEntries()) {
        for (const t of e.result.tasks ?? []) if (t.kind === 'task') for (const o of t.owners) add(o, vscode.l10n.t('owner in the workspace'), '1');
      }
      return out;
    }
    const due = DUE_PREFIX.exec(before);
    if (due) {
      const range = new vscode.Range(position.translate(0, -due[1]!.length), position);
      const today = localDate();
      const out: vscode.CompletionItem[] = [];
      const add = (date: string, label: string, sort: string) => {
        if (out.some((i) => i.insertText === date)) return;
        const item = new vscode.CompletionItem({ label: date, description: label }, vscode.CompletionItemKind.Value);
        item.insertText = date;
        item.filterText = date;
        item.range = range;
        item.sortText = sort;
        out.push(item);
      };
      add(today, vscode.l10n.t('today'), '0');
      add(addToDate(today, 7, 0)!, vscode.l10n.t('in a week'), '1');
      const next = nextCheckIn((entry.result.tasks ?? []).filter((i) => !i.overdue), today);
      if (next) add(next.due, next.label, '2');
      return out;
    }
    return undefined;
  }
}
