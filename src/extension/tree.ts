// The "Onboarding" tree: every workspace playbook grouped by client with its
// completeness, and under each the missing items. Refreshed by the lint results
// changing (documents, the file system watcher), never on a timer.
import * as vscode from 'vscode';
import type { MissingItem } from '../core/index.js';
import type { Entry, Linting } from './linting.js';

export type Node =
  | { type: 'client'; client: string; entries: Entry[] }
  | { type: 'file'; entry: Entry }
  | { type: 'missing'; entry: Entry; item: MissingItem };

const KIND_ICON: Record<MissingItem['kind'], string> = {
  section: 'symbol-structure', field: 'symbol-key', task: 'tasklist', 'follow-up': 'calendar',
};

export function kindLabel(kind: MissingItem['kind']): string {
  switch (kind) {
    case 'section': return vscode.l10n.t('section');
    case 'field': return vscode.l10n.t('frontmatter key');
    case 'task': return vscode.l10n.t('open task');
    default: return vscode.l10n.t('follow-up');
  }
}

function fileName(uri: vscode.Uri): string {
  return uri.path.slice(uri.path.lastIndexOf('/') + 1);
}

function scoreIcon(score: number): vscode.ThemeIcon {
  if (score >= 100) return new vscode.ThemeIcon('pass-filled', new vscode.ThemeColor('testing.iconPassed'));
  if (score >= 60) return new vscode.ThemeIcon('circle-large-outline', new vscode.ThemeColor('list.warningForeground'));
  return new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
}

/** The worst (lowest) score of a client's playbooks. */
function clientScore(entries: Entry[]): number {
  return Math.min(...entries.map((e) => e.result.completeness.score));
}

/** Does the engine offer a fix that inserts this missing item? */
export function fixFor(entry: Entry, item: MissingItem) {
  return entry.result.findings.find((f) => f.fix && f.data?.kind === item.kind && f.data.id === item.id);
}

export class OnboardingTree implements vscode.TreeDataProvider<Node> {
  private readonly changed = new vscode.EventEmitter<Node | undefined | void>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly linting: Linting) {
    linting.onDidChange(() => this.refresh());
  }

  refresh(): void {
    this.changed.fire();
  }

  /** Clients in order, each with its playbooks (a playbook without a client is its own group, by file name). */
  clients(): Array<{ client: string; entries: Entry[] }> {
    const groups = new Map<string, Entry[]>();
    for (const e of this.linting.workspaceEntries()) {
      const name = e.result.client?.trim() || fileName(e.uri);
      const list = groups.get(name) ?? [];
      list.push(e);
      groups.set(name, list);
    }
    return [...groups].map(([client, entries]) => ({ client, entries }))
      .sort((a, b) => a.client.localeCompare(b.client));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.clients().map((c) => ({ type: 'client', ...c }));
    if (node.type === 'client') {
      if (node.entries.length === 1) return this.missing(node.entries[0]!);
      return node.entries.map((entry) => ({ type: 'file', entry }));
    }
    if (node.type === 'file') return this.missing(node.entry);
    return [];
  }

  private sectionTitle(entry: Entry, id: string): string | undefined {
    const def = this.linting.configs.cachedSetupFor(entry.uri)?.linter.options.profile.section(id);
    return def ? def.headings[entry.result.lang] ?? def.headings['en'] : undefined;
  }

  private missing(entry: Entry): Node[] {
    return entry.result.completeness.missing.map((item) => ({ type: 'missing', entry, item }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.type === 'client') {
      const score = clientScore(node.entries);
      const missing = node.entries.reduce((n, e) => n + e.result.completeness.missing.length, 0);
      const item = new vscode.TreeItem(node.client, missing || node.entries.length > 1
        ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `client:${node.client}`;
      item.description = `${score}%`;
      item.iconPath = scoreIcon(score);
      item.contextValue = 'client';
      item.tooltip = new vscode.MarkdownString(`**${node.client}**: ${score}%  \n${vscode.l10n.t('{0} missing', missing)}  \n${node.entries.map((e) => vscode.workspace.asRelativePath(e.uri)).join('  \n')}`);
      if (node.entries.length === 1) {
        const uri = node.entries[0]!.uri;
        item.resourceUri = uri;
        item.command = { command: 'vscode.open', title: vscode.l10n.t('Open playbook'), arguments: [uri] };
      }
      return item;
    }
    if (node.type === 'file') {
      const { entry } = node;
      const item = new vscode.TreeItem(vscode.workspace.asRelativePath(entry.uri), entry.result.completeness.missing.length
        ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
      item.id = `file:${entry.uri.toString()}`;
      item.description = `${entry.result.completeness.score}%`;
      item.iconPath = scoreIcon(entry.result.completeness.score);
      item.resourceUri = entry.uri;
      item.contextValue = 'playbook';
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open playbook'), arguments: [entry.uri] };
      return item;
    }
    const { entry, item: missing } = node;
    const item = new vscode.TreeItem(missing.title, vscode.TreeItemCollapsibleState.None);
    item.id = `missing:${entry.uri.toString()}:${missing.kind}:${missing.id}`;
    item.description = kindLabel(missing.kind);
    // An empty section is listed by its heading as written; say which section it counts as.
    const canonical = missing.kind === 'section' ? this.sectionTitle(entry, missing.id) : undefined;
    if (canonical && canonical !== missing.title) item.description = vscode.l10n.t('{0} · counts as {1}', item.description, canonical);
    item.iconPath = new vscode.ThemeIcon(KIND_ICON[missing.kind]);
    item.contextValue = fixFor(entry, missing) ? (missing.kind === 'section' ? 'missing.section.fixable' : 'missing.fixable') : 'missing';
    const line = Math.max(0, missing.line - 1);
    item.command = {
      command: 'vscode.open', title: vscode.l10n.t('Go to'),
      arguments: [entry.uri, { selection: new vscode.Range(line, 0, line, 0) } satisfies vscode.TextDocumentShowOptions],
    };
    // The finding's message says what the item must hold and, for one a condition of the profile adds, why it is required.
    const finding = entry.result.findings.find((f) => f.data?.kind === missing.kind && f.data.id === missing.id);
    item.tooltip = `${missing.title} (${kindLabel(missing.kind)}), ${vscode.workspace.asRelativePath(entry.uri)}:${missing.line}${finding ? `\n${finding.message}` : ''}`;
    return item;
  }
}
