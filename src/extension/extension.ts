// Node entry (desktop, remote and code-server extension hosts): `main` in package.json.
import type * as vscode from 'vscode';
import { activateWith, type PlaybookLintApi } from './activate.js';

export function activate(context: vscode.ExtensionContext): PlaybookLintApi {
  return activateWith(context, 'node');
}

export function deactivate(): void {}
