// The one place where engine positions (1-based lines and columns, UTF-16, end
// exclusive, BOM not counted) become VS Code positions (0-based). VS Code's
// TextDocument never holds the BOM, so engine offsets map directly too.
import * as vscode from 'vscode';
import type { Range as EngineRange } from '../core/index.js';

export function toRange(r: EngineRange): vscode.Range {
  return new vscode.Range(r.line - 1, r.column - 1, Math.max(r.endLine, r.line) - 1, (r.endLine < r.line ? r.column : r.endColumn) - 1);
}

/** An engine offset range (into the BOM-less text) in a document. */
export function offsetRange(document: vscode.TextDocument, start: number, end: number): vscode.Range {
  return new vscode.Range(document.positionAt(start), document.positionAt(end));
}
