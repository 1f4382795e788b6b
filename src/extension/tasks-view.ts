// The "Tasks" view: every open task and check-in of the workspace's playbooks, overdue
// first, then grouped by owner or by client (a toggle in the view's title bar), each item
// opening the playbook at its line. "Only mine" keeps the items of `playbookLint.me`
// (default: git's user.name). Refreshed by the lint results changing, never on a timer.
import * as vscode from 'vscode';
import type { PlaybookItem } from '../core/index.js';
import { compareItems } from '../core/tasks.js';
import type { Entry, Linting } from './linting.js';

export type Grouping = 'owner' | 'client';

export interface TaskEntry {
  entry: Entry;
  item: PlaybookItem;
}

export type TaskNode =
  | { type: 'group'; id: string; label: string; overdue: boolean; items: TaskEntry[] }
  | { type: 'item'; group: string; task: TaskEntry };

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function clientOf(entry: Entry): string {
  return entry.result.client?.trim() || fileName(entry.uri);
}

/** How an owner is shown: a task's owner as "@sam", a check-in's (the account owner) as written. */
export function ownerLabel(item: PlaybookItem, owner: string): string {
  return item.kind === 'task' ? `@${owner}` : owner;
}

/** The names "me" goes by as an owner: "Sam Lee" is sam.lee, sam-lee, sam_lee, samlee, sam, and "Sam Lee" itself. */
export function myNames(me: string): Set<string> {
  const name = me.trim().replace(/^@/, '').toLowerCase();
  if (!name) return new Set();
  const words = name.split(/\s+/);
  return new Set([name, words.join('.'), words.join('-'), words.join('_'), words.join(''), words[0]!]);
}

export class TasksTree implements vscode.TreeDataProvider<TaskNode> {
  private readonly changed = new vscode.EventEmitter<TaskNode | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;
  private groupingValue: Grouping = 'owner';
  private mineValue = false;
  private meValue = '';

  constructor(private readonly linting: Linting) {
    linting.onDidChange(() => this.refresh());
    void this.syncContext();
  }

  get grouping(): Grouping { return this.groupingValue; }
  get mine(): boolean { return this.mineValue; }

  setGrouping(grouping: Grouping): void {
    this.groupingValue = grouping;
    void this.syncContext();
    this.refresh();
  }

  /** Only the items of `me` (true), or everyone's. */
  setMine(mine: boolean, me: string): void {
    this.mineValue = mine;
    this.meValue = me;
    void this.syncContext();
    this.refresh();
  }

  private syncContext(): Thenable<unknown> {
    return Promise.all([
      vscode.commands.executeCommand('setContext', 'playbookLint.tasksGrouping', this.groupingValue),
      vscode.commands.executeCommand('setContext', 'playbookLint.tasksMine', this.mineValue),
    ]);
  }

  refresh(): void {
    this.changed.fire();
  }

  /** The open items of every workspace playbook, overdue first, then by due date, client, file and line. */
  items(): TaskEntry[] {
    const names = this.mineValue ? myNames(this.meValue) : undefined;
    const out: Array<TaskEntry & { client: string; file: string }> = [];
    for (const entry of this.linting.workspaceEntries()) {
      for (const item of entry.result.tasks ?? []) {
        if (item.done) continue;
        if (names && !item.owners.some((o) => names.has(o.toLowerCase()))) continue;
        out.push({ entry, item, client: clientOf(entry), file: entry.uri.toString() });
      }
    }
    return out.sort((a, b) => compareItems({ ...a.item, client: a.client, file: a.file }, { ...b.item, client: b.client, file: b.file }));
  }

  /** Overdue first (one group), then a group per owner (an item with two owners is in both; unassigned last) or per client. */
  groups(): Array<Extract<TaskNode, { type: 'group' }>> {
    const all = this.items();
    const out: Array<Extract<TaskNode, { type: 'group' }>> = [];
    const overdue = all.filter((t) => t.item.overdue);
    if (overdue.length) out.push({ type: 'group', id: 'overdue', label: vscode.l10n.t('Overdue'), overdue: true, items: overdue });
    const byName = new Map<string, TaskEntry[]>();
    const unassigned: TaskEntry[] = [];
    for (const t of all) {
      if (t.item.overdue) continue;
      const names = this.groupingValue === 'client' ? [clientOf(t.entry)] : t.item.owners.map((o) => ownerLabel(t.item, o));
      if (!names.length) unassigned.push(t);
      for (const n of names) byName.set(n, [...(byName.get(n) ?? []), t]);
    }
    for (const [name, items] of [...byName].sort((a, b) => a[0].localeCompare(b[0]))) {
      out.push({ type: 'group', id: `${this.groupingValue}:${name}`, label: name, overdue: false, items });
    }
    if (unassigned.length) out.push({ type: 'group', id: 'unassigned', label: vscode.l10n.t('Unassigned'), overdue: false, items: unassigned });
    return out;
  }

  getChildren(node?: TaskNode): TaskNode[] {
    if (!node) return this.groups();
    if (node.type === 'group') return node.items.map((task) => ({ type: 'item', group: node.id, task }));
    return [];
  }

  getTreeItem(node: TaskNode): vscode.TreeItem {
    if (node.type === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `tasks-group:${node.id}`;
      item.description = String(node.items.length);
      item.iconPath = node.overdue ? new vscode.ThemeIcon('warning', new vscode.ThemeColor('list.errorForeground'))
        : new vscode.ThemeIcon(this.groupingValue === 'client' && node.id !== 'unassigned' ? 'organization' : 'person');
      item.contextValue = node.overdue ? 'tasks.overdue' : 'tasks.group';
      return item;
    }
    const { entry, item: task } = node.task;
    const item = new vscode.TreeItem(task.text, vscode.TreeItemCollapsibleState.None);
    item.id = `task:${node.group}:${entry.uri.toString()}:${task.key}`;
    const when = task.due === null ? '' : task.overdue ? vscode.l10n.t('due {0}', task.due) : task.dueToday ? vscode.l10n.t('due today') : task.due;
    // Under an owner the client is what tells items apart; under a client the owners; under Overdue both.
    const owners = task.owners.map((o) => ownerLabel(task, o)).join(' ');
    const who = node.group === 'overdue' ? [owners, clientOf(entry)] : this.groupingValue === 'owner' ? [clientOf(entry)] : [owners];
    item.description = [when, ...who].filter(Boolean).join(' · ');
    item.iconPath = task.overdue ? new vscode.ThemeIcon(task.kind === 'follow-up' ? 'calendar' : 'tasklist', new vscode.ThemeColor('list.errorForeground'))
      : task.dueToday ? new vscode.ThemeIcon(task.kind === 'follow-up' ? 'calendar' : 'tasklist', new vscode.ThemeColor('list.warningForeground'))
        : new vscode.ThemeIcon(task.kind === 'follow-up' ? 'calendar' : 'tasklist');
    item.contextValue = task.kind === 'follow-up' ? 'followUp' : 'task';
    const line = Math.max(0, task.line - 1);
    item.command = {
      command: 'vscode.open', title: vscode.l10n.t('Go to'),
      arguments: [entry.uri, { selection: new vscode.Range(line, 0, line, 0) } satisfies vscode.TextDocumentShowOptions],
    };
    item.tooltip = `${task.text}${task.kind === 'follow-up' ? ` (${vscode.l10n.t('check-in')})` : ''}\n${clientOf(entry)}, ${vscode.workspace.asRelativePath(entry.uri)}:${task.line}`;
    return item;
  }
}
