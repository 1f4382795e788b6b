// Settings and config files, read per resource (multi-root): which
// .playbook-lint.jsonc applies to a file (from its folder upward to the repository
// root, like the CLI), and the linter it sets up. The trust gate is here and only
// here: an untrusted workspace gets `trusted: false`, so only the bundled profile
// and phrase packs run.
import * as vscode from 'vscode';
import type { ConfigError, Linter, Locale, PlaybookConfig, SeveritySetting } from '../core/index.js';
import { CONFIG_FILE_NAME as CONFIG_FILE, engine } from './engine.js';
import { dirOf, exists, pathOf, uriOf } from './host.js';
import type { WorkerSetup } from '../worker/protocol.js';

export type RunMode = 'onType' | 'onSave';

export interface Settings {
  enable: boolean;
  run: RunMode;
  rules: Record<string, SeveritySetting>;
  phrasePacks: string[];
  /** Acronyms every client of this team knows, added to the config's list (they only silence findings). */
  knownAcronyms: string[];
  profile: string;
  /** Milliseconds one file may take to lint before it is given up (setting in seconds). */
  timeBudgetMs: number;
}

const SEVERITIES = new Set(['off', 'info', 'warning', 'error']);

/** The extension's settings for a resource (a file or a workspace folder). */
export function readSettings(scope: vscode.Uri | undefined): Settings {
  const c = vscode.workspace.getConfiguration('playbookLint', scope);
  const rules: Record<string, SeveritySetting> = {};
  for (const [id, value] of Object.entries(c.get<Record<string, unknown>>('rules') ?? {})) {
    if (typeof value === 'string' && SEVERITIES.has(value)) rules[id] = value as SeveritySetting;
  }
  return {
    enable: c.get<boolean>('enable', true),
    run: c.get<string>('run', 'onType') === 'onSave' ? 'onSave' : 'onType',
    rules,
    phrasePacks: strings(c.get<unknown>('phrasePacks')),
    knownAcronyms: strings(c.get<unknown>('knownAcronyms')),
    profile: c.get<string>('profile', '') ?? '',
    timeBudgetMs: budgetMs(c.get<unknown>('timeBudget')),
  };
}

/** A setting's list of non-empty strings; anything else in it is ignored. */
function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((p): p is string => typeof p === 'string' && p.trim().length > 0) : [];
}

/** The time budget setting (seconds) in milliseconds: 5 s unless a number from 0.1 to 600 is set. */
function budgetMs(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0.1 ? Math.min(value, 600) * 1000 : 5000;
}

export interface LinterSetup {
  linter: Linter;
  config: PlaybookConfig;
  /** Folder the config's globs and paths are relative to (POSIX). */
  configDir: string;
  configUri: vscode.Uri | null;
  /** Repository root (folder with .git) above the file, POSIX. */
  repoRoot: string | undefined;
  /** Is this path selected by the config's `playbooks` globs (undefined: no globs)? */
  selects: ((path: string) => boolean) | undefined;
  ignored: (path: string) => boolean;
  /** A config, profile or phrase-pack problem; the linter then runs on the bundled defaults. */
  error?: ConfigError;
  /** The same linter as data, for the lint workers, and its identity. */
  worker: { key: string; setup: WorkerSetup };
}

let setupCount = 0;

const decoder = new TextDecoder('utf-8');

async function readText(uri: vscode.Uri): Promise<string> {
  const text = decoder.decode(await vscode.workspace.fs.readFile(uri));
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

export class ConfigStore {
  private readonly configFiles = new Map<string, Promise<vscode.Uri | null>>();
  private readonly repoRoots = new Map<string, Promise<string | undefined>>();
  private readonly setups = new Map<string, Promise<LinterSetup>>();
  private readonly ready = new Map<string, LinterSetup>();
  /** Files (config, profile, packs) whose change invalidates the setups. */
  readonly watched = new Set<string>();

  constructor(
    private readonly env: { locale: () => Locale; trusted: () => boolean },
    private readonly onConfigError: (file: vscode.Uri, error: ConfigError) => void,
  ) {}

  clear(): void {
    this.configFiles.clear();
    this.repoRoots.clear();
    this.setups.clear();
    this.ready.clear();
  }

  /** The config file that applies to a folder, or null (walks up to the repository root). */
  configFileFor(dir: vscode.Uri): Promise<vscode.Uri | null> {
    const key = dir.toString();
    let p = this.configFiles.get(key);
    if (!p) {
      p = (async () => {
        const candidate = vscode.Uri.joinPath(dir, CONFIG_FILE);
        if (await exists(candidate)) return candidate;
        const up = dirOf(dir);
        if (up.path === dir.path || (await exists(vscode.Uri.joinPath(dir, '.git')))) return null;
        return this.configFileFor(up);
      })();
      this.configFiles.set(key, p);
    }
    return p;
  }

  repoRootFor(dir: vscode.Uri): Promise<string | undefined> {
    const key = dir.toString();
    let p = this.repoRoots.get(key);
    if (!p) {
      p = (async () => {
        if (await exists(vscode.Uri.joinPath(dir, '.git'))) return pathOf(dir);
        const up = dirOf(dir);
        return up.path === dir.path ? undefined : this.repoRootFor(up);
      })();
      this.repoRoots.set(key, p);
    }
    return p;
  }

  /** The folder that scopes a document: its own folder, or the first workspace folder for an untitled one. */
  static dirFor(uri: vscode.Uri): vscode.Uri | undefined {
    if (uri.scheme === 'untitled') return vscode.workspace.workspaceFolders?.[0]?.uri;
    return dirOf(uri);
  }

  private keyFor(dir: vscode.Uri, configUri: vscode.Uri | null, scope: vscode.Uri): string {
    const folder = vscode.workspace.getWorkspaceFolder(scope);
    const s = readSettings(scope);
    return JSON.stringify([configUri?.toString() ?? `default:${dir.toString()}`, folder?.uri.toString() ?? '', s.rules, s.phrasePacks, s.knownAcronyms, s.profile]);
  }

  /** The setup already built for a document's folder, if any (for synchronous callers). */
  cachedSetupFor(uri: vscode.Uri): LinterSetup | undefined {
    const dir = ConfigStore.dirFor(uri);
    return dir ? this.ready.get(dir.toString()) : undefined;
  }

  /** The setup for a file: the config of its folder, settings read for the file. */
  setupFor(uri: vscode.Uri): Promise<LinterSetup> {
    const dir = ConfigStore.dirFor(uri) ?? uri;
    return this.setupForDir(dir, uri.scheme === 'untitled' ? dir : uri);
  }

  /** The setup for a folder (a workspace folder being walked): the CLI's `playbook-lint FOLDER`. */
  async setupForDir(dir: vscode.Uri, scope: vscode.Uri = dir): Promise<LinterSetup> {
    const configUri = await this.configFileFor(dir);
    const key = this.keyFor(dir, configUri, scope);
    let p = this.setups.get(key);
    if (!p) {
      p = this.build(dir, configUri, scope);
      this.setups.set(key, p);
    }
    const setup = await p;
    this.ready.set(dir.toString(), setup);
    return setup;
  }

  private async build(dir: vscode.Uri, configUri: vscode.Uri | null, scope: vscode.Uri): Promise<LinterSetup> {
    const settings = readSettings(scope);
    const folder = vscode.workspace.getWorkspaceFolder(scope);
    const folderPath = folder ? pathOf(folder.uri) : pathOf(dir);
    const base = configUri ?? dir;
    const repoRoot = await this.repoRootFor(dir);
    const configDir = configUri ? pathOf(dirOf(configUri)) : (repoRoot ?? pathOf(dir));
    let config: PlaybookConfig = {};
    let error: ConfigError | undefined;
    if (configUri) {
      this.watched.add(configUri.toString());
      try {
        config = engine().parseConfig(await readText(configUri), pathOf(configUri));
      } catch (e) {
        error = e instanceof engine().ConfigError ? e : new (engine().ConfigError)(pathOf(configUri), 1, 1, (e as Error).message);
      }
    }
    // Settings come on top of the config file: severities override, packs add, a profile replaces.
    // Their paths are relative to the workspace folder; setupLinter ignores both when untrusted.
    const merged: PlaybookConfig = {
      ...config,
      rules: { ...(config.rules ?? {}), ...settings.rules },
      phrasePacks: [...(config.phrasePacks ?? []).map((p) => engine().resolvePosix(configDir, p)), ...settings.phrasePacks.map((p) => engine().resolvePosix(folderPath, p))],
      ...(config.knownAcronyms || settings.knownAcronyms.length ? { knownAcronyms: [...(config.knownAcronyms ?? []), ...settings.knownAcronyms] } : {}),
      ...(settings.profile ? { profile: engine().resolvePosix(folderPath, settings.profile) } : config.profile ? { profile: engine().resolvePosix(configDir, config.profile) } : {}),
    };
    const trusted = this.env.trusted();
    if (trusted) {
      for (const p of [...(merged.phrasePacks ?? []), ...(merged.profile ? [merged.profile] : [])]) this.watched.add(uriOf(base, p).toString());
    }
    let linter: Linter;
    const locale = this.env.locale();
    // What the setup reads is kept, so a worker builds the same linter without reading files.
    const files: Record<string, string> = {};
    let worker: WorkerSetup = { config: merged, configDir, locale, trusted, files };
    try {
      if (error) throw error;
      linter = await engine().setupLinter({ config: merged, configDir, locale, trusted,
        readText: async (path) => (files[path] = await readText(uriOf(base, path))) });
    } catch (e) {
      error = e instanceof engine().ConfigError ? e : new (engine().ConfigError)(configUri ? pathOf(configUri) : pathOf(dir), 1, 1, (e as Error).message);
      linter = engine().createLinter({ profile: engine().bundledProfile(), packs: engine().bundledPacks(), rules: settings.rules, locale, defaultLang: config.lang ?? 'en' });
      // The bundled defaults: no profile, no packs.
      worker = { config: { rules: settings.rules, ...(config.lang ? { lang: config.lang } : {}) }, configDir, locale, trusted: false, files: {} };
    }
    if (error) this.onConfigError(uriOf(base, error.file), error);
    const { selects, ignored } = engine().configMatchers(config, configDir);
    return { linter, config, configDir, configUri, repoRoot, selects, ignored, ...(error ? { error } : {}),
      worker: { key: `setup-${++setupCount}`, setup: worker } };
  }
}
