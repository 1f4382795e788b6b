// Helpers for the extension-host suites: the extension's API, polling for real
// VS Code state (diagnostics, tree), and documents.
import * as vscode from 'vscode';
import type { PlaybookLintApi } from '../../../src/extension/activate.js';

export const EXTENSION_ID = 'playbook-lint.playbook-lint';

export async function api(): Promise<PlaybookLintApi> {
  const ext = vscode.extensions.getExtension<PlaybookLintApi>(EXTENSION_ID);
  if (!ext) throw new Error(`extension ${EXTENSION_ID} is not installed`);
  return ext.activate();
}

/** Something to record for the runner's report (activation time...). */
export function record(key: string, value: unknown): void {
  const bag = (globalThis as Record<string, unknown>)['__playbookLintE2E'] as Record<string, unknown> | undefined;
  if (bag) bag[key] = value;
}

export function root(): vscode.Uri {
  const f = vscode.workspace.workspaceFolders?.[0];
  if (!f) throw new Error('no workspace folder');
  return f.uri;
}

export function file(rel: string): vscode.Uri {
  return vscode.Uri.joinPath(root(), ...rel.split('/'));
}

export async function waitFor<T>(what: string, probe: () => T | undefined | false | Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await probe();
      if (v) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

export function lintDiagnostics(uri: vscode.Uri): vscode.Diagnostic[] {
  return vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'playbook-lint');
}

export function codeOf(d: vscode.Diagnostic): string {
  return typeof d.code === 'object' ? String(d.code.value) : String(d.code);
}

/** Wait until the document's diagnostics satisfy a check (they arrive asynchronously). */
export function diagnosticsWhere(uri: vscode.Uri, check: (ds: vscode.Diagnostic[]) => boolean, what = 'diagnostics'): Promise<vscode.Diagnostic[]> {
  return waitFor(`${what} for ${uri.path}`, () => {
    const ds = lintDiagnostics(uri);
    return check(ds) ? ds : undefined;
  });
}

/** The range of the n-th occurrence of a text in a document. */
export function rangeOf(doc: vscode.TextDocument, text: string, nth = 0): vscode.Range {
  let at = -1;
  for (let i = 0; i <= nth; i++) {
    at = doc.getText().indexOf(text, at + 1);
    if (at < 0) throw new Error(`"${text}" not in ${doc.uri.path}`);
  }
  return new vscode.Range(doc.positionAt(at), doc.positionAt(at + text.length));
}

export async function untitled(content: string): Promise<vscode.TextDocument> {
  // Right after closeAll() VS Code may hand back the untitled document just closed under the
  // same name (Untitled-1) before the extension host has seen it close: ask again until the
  // document holds this content.
  for (let i = 0; ; i++) {
    const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content });
    if (doc.getText() === content || i >= 40) {
      await vscode.window.showTextDocument(doc);
      return doc;
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Close every editor without a save prompt (dirty ones are reverted first). */
export async function closeAll(): Promise<void> {
  for (let i = 0; i < 50 && vscode.window.visibleTextEditors.length; i++) {
    await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
  }
  await vscode.commands.executeCommand('workbench.action.closeAllEditors');
}

export async function readText(uri: vscode.Uri): Promise<string> {
  return new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
}
