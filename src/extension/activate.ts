// Activation: only registration. Linting starts after activate() returns.
// Shared by the Node entry (extension.ts) and the browser entry (web.ts): every
// file access goes through workspace.fs, so the same code runs in both hosts.
import * as vscode from 'vscode';
import { FIX_ALL_KIND, PlaybookCodeActions } from './code-actions.js';
import { Commands } from './commands.js';
import { ConfigStore } from './configs.js';
import { CONFIG_FILE_NAME, engine } from './engine.js';
import { FrontmatterAssist } from './frontmatter.js';
import { HeadingAssist } from './headings.js';
import { Linting, LintService, type Result } from './linting.js';
import type { SpawnWorker } from '../worker/pool.js';
import { ReportPanel, type ReportMessage } from './report-panel.js';
import { StatusItem } from './status.js';
import { OnboardingTree } from './tree.js';
import { TaskCompletion } from './task-completion.js';
import { TasksTree } from './tasks-view.js';

export type HostKind = 'node' | 'web';

/** What activate() returns: for tests and other extensions. */
export interface PlaybookLintApi {
  host: HostKind;
  /** Time activate() took, in milliseconds. */
  activationMs: number;
  treeProvider: OnboardingTree;
  /** The Tasks view's provider. */
  tasksProvider: TasksTree;
  /** Re-read configs, relint open documents and rescan the workspace; resolves when done. */
  lintNow(): Promise<void>;
  /** How many full relints (activation, settings, config files, trust) have finished. */
  relints(): number;
  /** The workspace's playbooks (what the tree shows) with their results. */
  getResults(): Array<{ uri: string } & Result>;
  /** The held result for a file (open or not). */
  resultFor(uri: vscode.Uri): Result | undefined;
  /** Where linting runs ('worker', or 'thread' in a host without workers) and the workers' counters. */
  lintWorkers(): { mode: 'worker' | 'thread'; started: number; overBudget: number; abandoned: number; failed: number };
  /** Text of the status bar item, or undefined when hidden. */
  statusText(): string | undefined;
  /** The completeness report's HTML: the open webview's, else a fresh render. */
  reportHtml(): string;
  /** Deliver a message as the report's webview would post it (a click on a bar or an item, the export button). */
  reportMessage(message: ReportMessage): Promise<vscode.TextEditor | vscode.Uri | undefined>;
  /** Whether the report is open, and how often it was redrawn because results changed. */
  reportState(): { open: boolean; refreshes: number };
}

const MARKDOWN: vscode.DocumentSelector = [{ language: 'markdown' }];

/**
 * `spawn` starts a lint worker (a worker thread, a Web Worker); without it linting runs in this thread.
 * `gitUserName` reads git's user.name (the default of `playbookLint.me`), where the host can run git.
 */
export function activateWith(context: vscode.ExtensionContext, host: HostKind, spawn?: SpawnWorker, gitUserName?: () => Promise<string | undefined>): PlaybookLintApi {
  const started = performance.now();
  const log = vscode.window.createOutputChannel('Playbook Lint', { log: true });
  const configDiagnostics = vscode.languages.createDiagnosticCollection('playbook-lint-config');
  const configs = new ConfigStore(
    { locale: () => engine().toLocale(vscode.env.language), trusted: () => vscode.workspace.isTrusted },
    (file, error) => {
      log.warn(error.message);
      const pos = new vscode.Position(Math.max(0, error.line - 1), Math.max(0, error.column - 1));
      const d = new vscode.Diagnostic(new vscode.Range(pos, pos), error.detail, vscode.DiagnosticSeverity.Error);
      d.source = 'playbook-lint';
      configDiagnostics.set(file, [d]);
    },
  );
  const service = new LintService(spawn, log);
  const linting = new Linting(configs, log, service);
  const tree = new OnboardingTree(linting);
  const treeView = vscode.window.createTreeView('playbookLint.onboarding', { treeDataProvider: tree, showCollapseAll: true });
  const tasks = new TasksTree(linting);
  const tasksView = vscode.window.createTreeView('playbookLint.tasks', { treeDataProvider: tasks, showCollapseAll: true });
  const status = new StatusItem(linting);
  /** Who "only mine" means: the setting, else git's user.name. */
  const me = async (): Promise<string> => {
    const setting = vscode.workspace.getConfiguration('playbookLint').get<string>('me', '').trim();
    return setting || (await gitUserName?.().catch(() => undefined))?.trim() || '';
  };
  const showMine = async (): Promise<void> => {
    const name = await me();
    if (!name) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Set "playbookLint.me" (or git\'s user.name) to the name you have as a task owner.'));
      return;
    }
    tasks.setMine(true, name);
  };
  const report = new ReportPanel(linting);
  const commands = new Commands(context, linting, report);
  const assist = new FrontmatterAssist(configs);
  const headings = new HeadingAssist(linting, configs);

  const lintOpen = (): Promise<unknown> => Promise.all(vscode.workspace.textDocuments.map((d) => linting.lintDocument(d)));
  let relintTimer: ReturnType<typeof setTimeout> | undefined;
  let relints = 0;
  const relintAll = (): Promise<void> => {
    if (relintTimer) { clearTimeout(relintTimer); relintTimer = undefined; }
    configs.clear();
    configDiagnostics.clear();
    return lintOpen().then(() => linting.scanWorkspace()).then(() => { relints++; });
  };
  const relintSoon = (): void => {
    if (relintTimer) clearTimeout(relintTimer);
    relintTimer = setTimeout(() => { relintTimer = undefined; void relintAll(); }, 200);
  };

  const updateBadge = (): void => {
    const incomplete = tree.clients().filter((c) => c.entries.some((e) => e.result.completeness.score < 100)).length;
    treeView.badge = incomplete ? { value: incomplete, tooltip: vscode.l10n.t('{0} clients with incomplete playbooks', incomplete) } : undefined;
  };

  const mdWatcher = vscode.workspace.createFileSystemWatcher('**/*.{md,markdown}');
  // Deleting a folder reports the folder only: watch every deletion.
  const deleteWatcher = vscode.workspace.createFileSystemWatcher('**/*', true, true, false);
  const configWatcher = vscode.workspace.createFileSystemWatcher(`**/{${CONFIG_FILE_NAME},.gitignore,*.json,*.jsonc}`);
  const onConfigFile = (uri: vscode.Uri): void => {
    const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
    if (name === CONFIG_FILE_NAME || name === '.gitignore' || configs.watched.has(uri.toString())) relintSoon();
  };

  context.subscriptions.push(
    log, configDiagnostics, linting, service, treeView, tasksView, status, mdWatcher, deleteWatcher, configWatcher,
    vscode.commands.registerCommand('playbookLint.tasks.groupByOwner', () => tasks.setGrouping('owner')),
    vscode.commands.registerCommand('playbookLint.tasks.groupByClient', () => tasks.setGrouping('client')),
    vscode.commands.registerCommand('playbookLint.tasks.showMine', showMine),
    vscode.commands.registerCommand('playbookLint.tasks.showAll', () => tasks.setMine(false, '')),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, new TaskCompletion(linting), '@', ':'),
    linting.onDidChange(updateBadge),
    ...commands.register(),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, new PlaybookCodeActions(linting), PlaybookCodeActions.metadata),
    vscode.languages.registerCompletionItemProvider(MARKDOWN, assist, ':', ' '),
    vscode.languages.registerHoverProvider(MARKDOWN, assist),
    vscode.languages.registerHoverProvider(MARKDOWN, headings),
    vscode.languages.registerCodeActionsProvider(MARKDOWN, headings, HeadingAssist.metadata),
    vscode.workspace.onDidOpenTextDocument((d) => void linting.lintDocument(d, 'open')),
    vscode.workspace.onDidChangeTextDocument((e) => { if (e.contentChanges.length) linting.scheduleDocument(e.document); }),
    vscode.workspace.onDidSaveTextDocument((d) => void linting.lintDocument(d, 'save')),
    vscode.workspace.onDidCloseTextDocument((d) => void linting.closeDocument(d)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('playbookLint.me') && tasks.mine) void showMine();
      if (e.affectsConfiguration('playbookLint')) relintSoon();
    }),
    vscode.workspace.onDidGrantWorkspaceTrust(() => { log.info('workspace trusted: custom profile and phrase packs enabled'); void relintAll(); }),
    vscode.workspace.onDidChangeWorkspaceFolders(() => relintSoon()),
    mdWatcher.onDidCreate((u) => void linting.fileChanged(u)),
    mdWatcher.onDidChange((u) => void linting.fileChanged(u)),
    deleteWatcher.onDidDelete((u) => { if (linting.forget(u)) void linting.scanWorkspace(); }),
    configWatcher.onDidCreate(onConfigFile),
    configWatcher.onDidChange(onConfigFile),
    configWatcher.onDidDelete(onConfigFile),
    { dispose: () => relintTimer && clearTimeout(relintTimer) },
  );

  // First results after activation, not during it.
  const first = new Promise<void>((resolve) => setTimeout(() => { void relintAll().then(resolve, resolve); }, 0));

  const activationMs = Math.round((performance.now() - started) * 100) / 100;
  log.info(`activated in ${activationMs} ms (${host} host, ${vscode.workspace.isTrusted ? 'trusted' : 'Restricted Mode: bundled profile and phrase packs only'}, fix-all kind ${FIX_ALL_KIND.value})`);
  // One line in the host's console (the developer tools), where the e2e test reads which host runs the extension.
  console.info(`Playbook Lint activated in ${activationMs} ms (${host} host)`);

  return {
    host,
    activationMs,
    treeProvider: tree,
    tasksProvider: tasks,
    lintNow: async () => { await first; await relintAll(); },
    relints: () => relints,
    getResults: () => linting.workspaceEntries().map((e) => ({ uri: e.uri.toString(), ...e.result })),
    resultFor: (uri) => linting.entry(uri)?.result,
    lintWorkers: () => ({ mode: service.mode, ...service.stats }),
    statusText: () => status.text,
    reportHtml: () => report.currentHtml(),
    reportMessage: (message) => report.receive(message),
    reportState: () => ({ open: report.visible, refreshes: report.refreshes }),
  };
}
