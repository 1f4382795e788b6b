// Which files are playbooks (DESIGN.md contracts): folders and globs expand to
// *.md / *.markdown, kept when the config's `playbooks` globs select them or, with
// no globs, when their frontmatter has a `client` key. Nested .gitignore files and
// the config's `ignores` apply. The file system is the caller's (node fs in the CLI,
// workspace.fs in VS Code), so the CLI and the editor always list the same files.
import ignore, { type Ignore } from 'ignore';
import picomatch from 'picomatch/posix.js';
import type { PlaybookConfig } from './config.js';

export type EntryKind = 'file' | 'directory' | 'other';

export interface FileHost {
  /** Entries of a folder (absolute POSIX path): [name, kind]. */
  readDirectory(path: string): Promise<Array<[string, EntryKind]>>;
  readFile(path: string): Promise<Uint8Array>;
}

export interface DiscoveredFile {
  /** Absolute POSIX path. */
  path: string;
  /** Bytes already read to decide, so the linter does not read twice. */
  bytes?: Uint8Array;
}

export interface DiscoveryOptions {
  config: PlaybookConfig;
  /** Folder of the config file (globs are relative to it); defaults to the walked root. */
  configDir?: string;
  /** Stop descending at this folder's boundary for .gitignore lookups (the repository root). */
  repoRoot?: string;
  /** An answer already known for "is this file a playbook?" (a cache), to skip reading it. */
  known?: (path: string) => boolean | undefined;
  /** Told every answer that had to be read, so a cache can remember it. */
  onProbe?: (path: string, isPlaybook: boolean) => void;
  /** Told each playbook as it is found, before the walk ends (the CLI lints them meanwhile). */
  onFile?: (file: DiscoveredFile) => void;
}

const SKIP_DIRS = new Set(['.git', 'node_modules', '.hg', '.svn']);
const MARKDOWN = /\.(?:md|markdown)$/i;
const FRONTMATTER = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/;
const HEAD_BYTES = 64 * 1024;

export function isMarkdownPath(path: string): boolean {
  return MARKDOWN.test(path);
}

/** The frontmatter block's bytes at most (up to the first "\n---" after the opening fence), to decode only that. */
export function frontmatterHead(bytes: Uint8Array): Uint8Array {
  const limit = Math.min(bytes.length, HEAD_BYTES);
  for (let i = 4; i + 3 < limit; i++) {
    if (bytes[i] === 10 && bytes[i + 1] === 45 && bytes[i + 2] === 45 && bytes[i + 3] === 45) return bytes.subarray(0, Math.min(i + 8, limit));
  }
  return bytes.subarray(0, limit);
}

/** True when the text starts with frontmatter that has a top-level `client` key. */
export function hasClientKey(text: string): boolean {
  const m = FRONTMATTER.exec(text);
  return !!m && /^["']?client["']?[ \t]*:/m.test(m[1]!);
}

function relative(from: string, to: string): string {
  if (to === from) return '';
  const prefix = from.endsWith('/') ? from : `${from}/`;
  return to.startsWith(prefix) ? to.slice(prefix.length) : to;
}

export function dirnamePosix(path: string): string {
  const i = path.lastIndexOf('/');
  return i <= 0 ? '/' : path.slice(0, i);
}

/** A matcher for one config: is this absolute path selected as a playbook by globs (undefined: no globs), or ignored? */
export function configMatchers(config: PlaybookConfig, configDir: string): {
  selects: ((path: string) => boolean) | undefined; ignored: (path: string) => boolean;
} {
  const globs = config.playbooks?.length ? picomatch(config.playbooks, { dot: true }) : undefined;
  const ign = config.ignores?.length ? picomatch(config.ignores, { dot: true }) : undefined;
  const dirIgn = config.ignores?.length ? picomatch(config.ignores.map((g) => g.replace(/\/\*\*$/, '')), { dot: true }) : undefined;
  return {
    selects: globs ? (path) => globs(relative(configDir, path)) : undefined,
    ignored: (path) => {
      if (!ign) return false;
      const rel = relative(configDir, path);
      return ign(rel) || !!dirIgn?.(rel);
    },
  };
}

/** Walk a folder and return its playbooks, sorted by path. */
export async function discoverPlaybooks(host: FileHost, root: string, options: DiscoveryOptions): Promise<DiscoveredFile[]> {
  const configDir = options.configDir ?? root;
  const { selects, ignored } = configMatchers(options.config, configDir);
  const out: DiscoveredFile[] = [];
  const found = (f: DiscoveredFile) => { out.push(f); options.onFile?.(f); };
  const decoder = new TextDecoder('utf-8');

  // .gitignore files between the repository root and the walked root apply too.
  const inherited: Array<{ dir: string; ig: Ignore }> = [];
  if (options.repoRoot && root.startsWith(options.repoRoot) && root !== options.repoRoot) {
    let dir = dirnamePosix(root);
    const chain: string[] = [];
    while (dir.length >= options.repoRoot.length) { chain.unshift(dir); if (dir === options.repoRoot) break; dir = dirnamePosix(dir); }
    for (const d of chain) {
      const ig = await readGitignore(host, d);
      if (ig) inherited.push({ dir: d, ig });
    }
  }

  const isIgnored = (stack: Array<{ dir: string; ig: Ignore }>, path: string, isDir: boolean): boolean => {
    for (const { dir, ig } of stack) {
      const rel = relative(dir, path);
      if (rel && ig.ignores(isDir ? `${rel}/` : rel)) return true;
    }
    return ignored(path);
  };

  const walk = async (dir: string, stack: Array<{ dir: string; ig: Ignore }>): Promise<void> => {
    let entries: Array<[string, EntryKind]>;
    try { entries = await host.readDirectory(dir); } catch { return; }
    const names = new Set(entries.map(([n]) => n));
    const ig = names.has('.gitignore') ? await readGitignore(host, dir) : undefined;
    const here = ig ? [...stack, { dir, ig }] : stack;
    const files: string[] = [];
    const dirs: string[] = [];
    for (const [name, kind] of entries) {
      const path = dir === '/' ? `/${name}` : `${dir}/${name}`;
      if (kind === 'directory') {
        if (!SKIP_DIRS.has(name) && !isIgnored(here, path, true)) dirs.push(path);
      } else if (kind === 'file' && MARKDOWN.test(name) && !isIgnored(here, path, false)) {
        files.push(path);
      }
    }
    for (const path of files) {
      if (selects) { if (selects(path)) found({ path }); continue; }
      const known = options.known?.(path);
      if (known !== undefined) { if (known) found({ path }); continue; }
      let bytes: Uint8Array;
      try { bytes = await host.readFile(path); } catch { continue; }
      // Neither "---" nor a BOM first: no frontmatter, so no decoding needed.
      const playbook = (bytes[0] === 45 || bytes[0] === 0xef) && hasClientKey(decoder.decode(frontmatterHead(bytes)));
      options.onProbe?.(path, playbook);
      if (playbook) found({ path, bytes });
    }
    await Promise.all(dirs.map((d) => walk(d, here)));
  };
  await walk(root, inherited);
  return out.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

async function readGitignore(host: FileHost, dir: string): Promise<Ignore | undefined> {
  try {
    const text = new TextDecoder().decode(await host.readFile(`${dir === '/' ? '' : dir}/.gitignore`));
    return ignore().add(text);
  } catch {
    return undefined;
  }
}
