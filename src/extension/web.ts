// Browser entry (vscode.dev, github.dev, web worker extension hosts): `browser` in
// package.json. Same engine and same wiring; the bundled profile's validator is
// precompiled, so nothing here needs `fs`, `child_process` or `new Function`.
import type * as vscode from 'vscode';
import { activateWith, type PlaybookLintApi } from './activate.js';

export function activate(context: vscode.ExtensionContext): PlaybookLintApi {
  return activateWith(context, 'web');
}

export function deactivate(): void {}
