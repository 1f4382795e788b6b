// "Show completeness report": the lead's report (the same page as `playbook-lint report`)
// in a webview that follows the editor's theme, under a strict CSP (one nonce'd style and
// script, nothing loaded). A click on a bar or a missing item posts {type: "open", index,
// line}: the index is a position in the list the extension rendered, so the page can only
// open the playbooks it was given. It refreshes as results change (debounced), and its
// button exports the standalone HTML file.
import * as vscode from 'vscode';
import type * as HtmlFormatter from '../cli/formatters/html.js';
import { localDate } from '../core/template.js';
import { engine } from './engine.js';
import type { Entry, Linting } from './linting.js';

export type ReportMessage = { type: 'open'; index: number; line?: number } | { type: 'export' };

/** How long results must stay still before an open report is redrawn. */
export const REPORT_REFRESH_MS = 400;

// Loaded on first use (the engine's rule: no value import of it at activation).
let formatter: typeof HtmlFormatter | undefined;
function html(): typeof HtmlFormatter {
  formatter ??= require('../cli/formatters/html.js') as typeof HtmlFormatter;
  return formatter;
}

function makeNonce(): string {
  const bytes = new Uint8Array(18);
  globalThis.crypto.getRandomValues(bytes);
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** `to`'s path relative to the folder `fromDir` (both POSIX paths of the same scheme and authority). */
export function relativePath(fromDir: string, to: string): string {
  const a = fromDir.split('/').filter(Boolean);
  const b = to.split('/').filter(Boolean);
  let i = 0;
  while (i < a.length && i < b.length - 1 && a[i] === b[i]) i++;
  return [...a.slice(i).map(() => '..'), ...b.slice(i)].join('/');
}

export class ReportPanel implements vscode.Disposable {
  private panel: vscode.WebviewPanel | undefined;
  /** What the page shows, in the order it was given (a message's index is into this). */
  private shown: Entry[] = [];
  /** Made when the panel opens (not at activation: hosts without `crypto` only need it for the webview). */
  private nonce = '';
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** How many times the open page was redrawn after results changed (for tests). */
  refreshes = 0;

  constructor(private readonly linting: Linting) {
    this.subscriptions.push(linting.onDidChange(() => this.refreshSoon()));
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.panel?.dispose();
    for (const s of this.subscriptions) s.dispose();
  }

  get visible(): boolean {
    return !!this.panel;
  }

  /** Open (or reveal) the report; returns the page's HTML. */
  async show(): Promise<string> {
    if (!this.linting.workspaceEntries().length) await this.linting.scanWorkspace();
    if (!this.panel) {
      this.nonce = makeNonce();
      this.panel = vscode.window.createWebviewPanel('playbookLint.report', vscode.l10n.t('Onboarding completeness'), vscode.ViewColumn.Active,
        { enableScripts: true, localResourceRoots: [], enableCommandUris: false, retainContextWhenHidden: false });
      this.panel.onDidDispose(() => { this.panel = undefined; if (this.timer) clearTimeout(this.timer); });
      this.panel.webview.onDidReceiveMessage((m: unknown) => void this.receive(m));
    } else {
      this.panel.reveal();
    }
    this.panel.webview.html = this.render();
    return this.panel.webview.html;
  }

  /** The page for the webview (theme colours, nonce'd script), from the results held now. */
  render(): string {
    this.shown = this.linting.workspaceEntries();
    const entries = this.shown.map((e) => this.toReportEntry(e));
    return html().formatHtml(entries, { locale: engine().toLocale(vscode.env.language), date: localDate(), theme: 'vscode', nonce: this.nonce });
  }

  /** The HTML the open page shows, or a fresh render when none is open. */
  currentHtml(): string {
    return this.panel?.webview.html ?? this.render();
  }

  private toReportEntry(e: Entry): HtmlFormatter.ReportEntry {
    const { client, owner, completeness, findings } = e.result;
    return { file: vscode.workspace.asRelativePath(e.uri), client, owner: owner ?? null, completeness, findings };
  }

  private refreshSoon(): void {
    if (!this.panel) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      if (!this.panel) return;
      const next = this.render();
      if (next !== this.panel.webview.html) { this.panel.webview.html = next; this.refreshes++; }
    }, REPORT_REFRESH_MS);
  }

  /** A message from the page. Anything but a known shape with an index of a shown playbook is ignored. */
  async receive(message: unknown): Promise<vscode.TextEditor | vscode.Uri | undefined> {
    const m = message as Partial<ReportMessage> | null;
    if (m?.type === 'export') return this.exportHtml();
    if (m?.type !== 'open') return undefined;
    const index = (m as { index?: unknown }).index;
    const entry = Number.isInteger(index) ? this.shown[index as number] : undefined;
    if (!entry) return undefined;
    const raw = (m as { line?: unknown }).line;
    const line = Number.isInteger(raw) && (raw as number) > 0 ? (raw as number) - 1 : 0;
    const position = new vscode.Position(line, 0);
    // Beside the report, so it stays in view.
    const column = this.panel?.viewColumn === vscode.ViewColumn.One ? vscode.ViewColumn.Beside : vscode.ViewColumn.One;
    const editor = await vscode.window.showTextDocument(entry.uri, { viewColumn: column, selection: new vscode.Range(position, position), preview: true });
    editor.revealRange(new vscode.Range(position, position), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    return editor;
  }

  /**
   * Write the standalone page (what `playbook-lint report --html` writes: no script, links
   * relative to the file) to `target`, or where the save dialog says.
   */
  async exportHtml(target?: vscode.Uri): Promise<vscode.Uri | undefined> {
    if (!this.linting.workspaceEntries().length) await this.linting.scanWorkspace();
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = target ?? await vscode.window.showSaveDialog({
      title: vscode.l10n.t('Export the completeness report'),
      filters: { HTML: ['html'] },
      ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, `onboarding-report-${localDate()}.html`) } : {}),
    });
    if (!uri) return undefined;
    const dir = uri.path.slice(0, uri.path.lastIndexOf('/')) || '/';
    const entries = this.linting.workspaceEntries();
    const uris = new Map<HtmlFormatter.ReportEntry, vscode.Uri>();
    const list = entries.map((e) => { const r = this.toReportEntry(e); uris.set(r, e.uri); return r; });
    const href = (entry: HtmlFormatter.ReportEntry): string | undefined => {
      const to = uris.get(entry);
      if (!to) return undefined;
      if (to.scheme !== uri.scheme || to.authority !== uri.authority) return to.toString();
      const rel = relativePath(dir, to.path).split('/').map(encodeURIComponent).join('/');
      return rel.startsWith('../') ? rel : `./${rel}`;
    };
    const page = html().formatHtml(list, { locale: engine().toLocale(vscode.env.language), date: localDate(), href });
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(page));
    if (!target) void vscode.window.showInformationMessage(vscode.l10n.t('Report exported to {0}.', vscode.workspace.asRelativePath(uri)));
    return uri;
  }
}
