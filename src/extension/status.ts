// Status bar item for the active playbook: "Playbook 82% · 3 missing"; a click opens the tree.
import * as vscode from 'vscode';
import type { Linting } from './linting.js';

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('playbookLint.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly linting: Linting) {
    this.item.name = vscode.l10n.t('Playbook completeness');
    this.item.command = 'workbench.view.extension.playbookLint';
    this.subscriptions.push(linting.onDidChange(() => this.update()), vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this.update();
  }

  /** The text shown, or undefined when hidden (for tests). */
  get text(): string | undefined {
    return this.shown ? this.item.text : undefined;
  }

  private shown = false;

  update(): void {
    const doc = vscode.window.activeTextEditor?.document;
    const entry = doc && this.linting.entry(doc.uri);
    if (!entry) { this.item.hide(); this.shown = false; return; }
    const { score, missing } = entry.result.completeness;
    this.item.text = `$(checklist) ${vscode.l10n.t('Playbook {0}% · {1} missing', score, missing.length)}`;
    this.item.tooltip = vscode.l10n.t('{0}: open the Onboarding view', entry.result.client ?? vscode.workspace.asRelativePath(entry.uri));
    this.item.backgroundColor = entry.result.findings.some((f) => f.severity === 'error') && score < 60
      ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    this.item.show();
    this.shown = true;
  }

  dispose(): void {
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
