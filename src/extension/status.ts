// Status bar item for the active playbook: "Playbook 82% · 3 missing · next check-in in 6 days"
// (or "30-day check-in overdue", "... due today"); a click opens the Tasks view.
import * as vscode from 'vscode';
import type { PlaybookItem } from '../core/index.js';
import { nextCheckIn } from '../core/tasks.js';
import { localDate } from '../core/template.js';
import type { Linting } from './linting.js';

/** What the status bar says about the playbook's check-ins, or '' when it has none ahead. */
export function checkInText(items: PlaybookItem[], today: string): string {
  const next = nextCheckIn(items, today);
  if (!next) return '';
  if (next.state === 'overdue') return vscode.l10n.t('{0} overdue', next.label);
  if (next.state === 'today') return vscode.l10n.t('{0} due today', next.label);
  return next.days === 1 ? vscode.l10n.t('next check-in tomorrow') : vscode.l10n.t('next check-in in {0} days', next.days);
}

export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('playbookLint.status', vscode.StatusBarAlignment.Left, 50);
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly linting: Linting) {
    this.item.name = vscode.l10n.t('Playbook completeness');
    this.item.command = 'playbookLint.tasks.focus';
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
    const checkIn = checkInText(entry.result.tasks ?? [], localDate());
    this.item.text = `$(checklist) ${vscode.l10n.t('Playbook {0}% · {1} missing', score, missing.length)}${checkIn ? ` · $(calendar) ${checkIn}` : ''}`;
    this.item.tooltip = vscode.l10n.t('{0}: open the Tasks view', entry.result.client ?? vscode.workspace.asRelativePath(entry.uri));
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
