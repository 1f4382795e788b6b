// The engine's FileHost over `workspace.fs`, so discovery and config loading work
// the same on disk, in remote and virtual workspaces and in the browser.
import * as vscode from 'vscode';
import type { EntryKind, FileHost } from '../core/index.js';

/** A path the engine speaks (absolute POSIX) for a URI, and back. */
export const pathOf = (uri: vscode.Uri): string => uri.path;
export const uriOf = (base: vscode.Uri, path: string): vscode.Uri => base.with({ path, query: '', fragment: '' });

export function workspaceFileHost(base: vscode.Uri): FileHost {
  return {
    async readDirectory(path) {
      const entries = await vscode.workspace.fs.readDirectory(uriOf(base, path));
      // Symbolic links are 'other', as Node's readdir reports them to the CLI.
      return entries.map(([name, type]): [string, EntryKind] => [name,
        type & vscode.FileType.SymbolicLink ? 'other'
          : type & vscode.FileType.Directory ? 'directory' : type & vscode.FileType.File ? 'file' : 'other']);
    },
    async readFile(path) {
      return vscode.workspace.fs.readFile(uriOf(base, path));
    },
  };
}

export async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

export function dirOf(uri: vscode.Uri): vscode.Uri {
  return vscode.Uri.joinPath(uri, '..');
}
