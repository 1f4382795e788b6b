// Wires documents and workspace files to the engine and the results to VS Code:
// diagnostics (debounced on type, or on save), a generation counter per document
// that drops stale results, and the workspace's playbooks found by the engine's own
// discovery (read through workspace.fs), so the tree lists what the CLI lists.
// Linting itself runs in workers (LintService), never on the extension host's thread.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../core/index.js';
import { ConfigStore, readSettings, type LinterSetup } from './configs.js';
import { engine } from './engine.js';
import { exists, pathOf, uriOf, workspaceFileHost } from './host.js';
import { LintPool, type Outcome, type SpawnWorker } from '../worker/pool.js';
import { toRange } from './positions.js';
import type { Result } from '../worker/protocol.js';
import { localDate } from '../core/template.js';

export type { Result } from '../worker/protocol.js';

/** The setting named in a file's finding when it is over its time budget. */
export const BUDGET_SETTING = 'playbookLint.timeBudget';

/**
 * Lints in workers: a worker thread on the desktop, a Web Worker in the browser (the
 * same engine bundle), each file under the time budget of its resource's settings.
 * Without workers (a host that cannot start one) it lints in the host's own thread,
 * where only the engine's guards protect it, and says so in the log once.
 */
export class LintService implements vscode.Disposable {
  private pool: LintPool;
  private inThread: boolean;
  private announced = false;

  constructor(spawn: SpawnWorker | undefined, private readonly log: vscode.LogOutputChannel) {
    this.inThread = !spawn;
    this.pool = spawn ? new LintPool(spawn, { size: 2, extra: 1, log: (m) => log.warn(m) }) : this.inThreadPool();
    if (!spawn) log.warn('no lint workers in this host: linting in the extension host\'s thread (the engine\'s guards apply, the time budget cannot)');
  }

  /** Where linting runs: 'worker' or 'thread' (no workers in this host). */
  get mode(): 'worker' | 'thread' {
    return this.inThread ? 'thread' : 'worker';
  }

  get stats(): LintPool['stats'] {
    return this.pool.stats;
  }

  private inThreadPool(): LintPool {
    return new LintPool((onMessage) => {
      const { handle } = engine().inThread();
      return { post: (msg) => void handle(msg, (id) => onMessage({ id, started: true })).then((reply) => { if (reply) onMessage(reply); }), terminate: () => undefined };
    }, { size: 1, extra: 0 });
  }

  async lint(uri: vscode.Uri, setup: LinterSetup, input: { text: string } | { bytes: Uint8Array }, priority: boolean, tag = uri.toString()): Promise<Outcome> {
    const size = 'text' in input ? input.text.length : input.bytes.length;
    const budgetMs = engine().budgetFor(size, readSettings(uri).timeBudgetMs);
    const job = { key: setup.worker.key, setup: setup.worker.setup, ...input, today: localDate(), budgetMs, priority, tag };
    let outcome = await this.pool.run(job);
    if (outcome.kind === 'failed' && outcome.noWorker && !this.inThread) {
      this.log.warn(`lint workers cannot start here (${outcome.error}): linting in the extension host's thread (the engine's guards apply, the time budget cannot)`);
      this.pool.dispose();
      this.inThread = true;
      this.pool = this.inThreadPool();
      outcome = await this.pool.run(job);
    }
    if (!this.announced && outcome.kind === 'done') {
      this.announced = true;
      // One line in the host's console too, where the e2e runner reads where linting runs.
      const where = this.inThread ? 'the extension host\'s thread (this host starts no workers)' : 'workers, off the extension host\'s thread';
      this.log.info(`linting in ${where}`);
      console.info(`Playbook Lint lints in ${where}`);
    }
    return outcome;
  }

  cancel(uri: vscode.Uri): void {
    this.pool.cancel(uri.toString());
  }

  dispose(): void {
    this.pool.dispose();
  }
}

export interface Entry {
  uri: vscode.Uri;
  result: Result;
  /** Version of the open document the result is for; undefined when linted from disk. */
  version: number | undefined;
}

export const SOURCE = 'playbook-lint';
export const TYPING_DELAY_MS = 300;
const SEVERITY: Record<Severity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  info: vscode.DiagnosticSeverity.Information,
};

export function toDiagnostic(uri: vscode.Uri, f: Finding): vscode.Diagnostic {
  const d = new vscode.Diagnostic(toRange(f), f.message, SEVERITY[f.severity]);
  d.source = SOURCE;
  d.code = { value: f.ruleId, target: vscode.Uri.parse(f.url) };
  if (f.related?.length) {
    d.relatedInformation = f.related.map((r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uri, toRange(r)), r.message));
  }
  return d;
}

const isMarkdown = (doc: vscode.TextDocument): boolean => doc.languageId === 'markdown';

export class Linting implements vscode.Disposable {
  readonly diagnostics = vscode.languages.createDiagnosticCollection(SOURCE);
  private readonly entries = new Map<string, Entry>();
  private readonly generations = new Map<string, number>();
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** onSave mode: results for unsaved text, for code actions only (not published). */
  private readonly transient = new Map<string, { version: number; result: Result }>();
  /** The playbooks of the last workspace scan (URI strings), what the tree shows. */
  private workspaceSet = new Set<string>();
  private scanGeneration = 0;
  private scanning: Promise<void> | undefined;
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChange = this.changed.event;
  private fireTimer: ReturnType<typeof setTimeout> | undefined;

  /** Runs in flight for open documents: a caller that needs the result of that version (resultFor) waits for it. */
  private readonly inflight = new Map<string, { version: number; done: Promise<Result | undefined> }>();

  constructor(readonly configs: ConfigStore, private readonly log: vscode.LogOutputChannel, readonly service: LintService) {}

  dispose(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    if (this.fireTimer) clearTimeout(this.fireTimer);
    this.diagnostics.dispose();
    this.changed.dispose();
  }

  private fire(): void {
    if (this.fireTimer) clearTimeout(this.fireTimer);
    this.fireTimer = setTimeout(() => { this.fireTimer = undefined; this.changed.fire(); }, 20);
  }

  entry(uri: vscode.Uri): Entry | undefined {
    return this.entries.get(uri.toString());
  }

  /** The workspace's playbooks (what `playbook-lint .` lists), with their latest results. */
  workspaceEntries(): Entry[] {
    return [...this.workspaceSet].map((k) => this.entries.get(k)).filter((e): e is Entry => !!e)
      .sort((a, b) => (a.uri.toString() < b.uri.toString() ? -1 : 1));
  }

  private isPlaybook(setup: LinterSetup, uri: vscode.Uri, text: string): boolean {
    if (this.workspaceSet.has(uri.toString())) return true;
    if (uri.scheme !== 'untitled') {
      const path = pathOf(uri);
      if (setup.ignored(path)) return false;
      if (setup.selects) return setup.selects(path);
    }
    return engine().hasClientKey(text);
  }

  private store(uri: vscode.Uri, result: Result, version: number | undefined): void {
    this.transient.delete(uri.toString());
    this.entries.set(uri.toString(), { uri, result, version });
    this.diagnostics.set(uri, result.findings.map((f) => toDiagnostic(uri, f)));
    this.fire();
  }

  /** A file or folder was deleted: its results and diagnostics go. True when something was held for it. */
  forget(uri: vscode.Uri): boolean {
    const prefix = uri.toString();
    let found = false;
    for (const key of new Set([...this.entries.keys(), ...this.workspaceSet])) {
      if (key === prefix || key.startsWith(`${prefix}/`)) {
        found = true;
        this.bump(vscode.Uri.parse(key));
        this.entries.delete(key);
        this.workspaceSet.delete(key);
        this.diagnostics.delete(vscode.Uri.parse(key));
      }
    }
    if (found) this.fire();
    return found;
  }

  private bump(uri: vscode.Uri): number {
    const key = uri.toString();
    const gen = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, gen);
    return gen;
  }

  private current(uri: vscode.Uri, gen: number): boolean {
    return this.generations.get(uri.toString()) === gen;
  }

  /**
   * Lint an open document now; results of an older run for it are dropped. `trigger` says why:
   * in onSave mode, unsaved text is linted only when the document is opened or saved,
   * never because settings or other files changed.
   */
  async lintDocument(doc: vscode.TextDocument, trigger: 'open' | 'save' | 'type' | 'refresh' = 'refresh'): Promise<void> {
    if (!isMarkdown(doc)) return;
    const settings = readSettings(doc.uri);
    if (settings.enable && settings.run === 'onSave' && doc.isDirty && (trigger === 'refresh' || trigger === 'type')) return;
    const gen = this.bump(doc.uri);
    const timer = this.timers.get(doc.uri.toString());
    if (timer) { clearTimeout(timer); this.timers.delete(doc.uri.toString()); }
    if (!settings.enable) { this.drop(doc.uri); return; }
    let setup: LinterSetup;
    try {
      setup = await this.configs.setupFor(doc.uri);
    } catch (e) {
      this.log.error(`setup for ${doc.uri.toString()}: ${(e as Error).message}`);
      return;
    }
    if (!this.current(doc.uri, gen) || doc.isClosed) return;
    // The text may have changed while the setup loaded.
    if (settings.run === 'onSave' && doc.isDirty && (trigger === 'refresh' || trigger === 'type')) return;
    await this.lintWith(setup, doc, gen);
  }

  /**
   * Lint the document's current text in a worker and publish the result, unless the
   * document changed or another run for it started meanwhile (the generation counter):
   * then the result is for an older text and is dropped.
   */
  private lintWith(setup: LinterSetup, doc: vscode.TextDocument, gen: number): Promise<Result | undefined> {
    const key = doc.uri.toString();
    const text = doc.getText();
    const version = doc.version;
    if (!this.isPlaybook(setup, doc.uri, text)) { this.drop(doc.uri); return Promise.resolve(undefined); }
    const started = Date.now();
    const done = this.service.lint(doc.uri, setup, { text }, true).then((outcome) => {
      if (this.inflight.get(key)?.done === done) this.inflight.delete(key);
      if (!this.current(doc.uri, gen) || doc.version !== version || doc.isClosed) return undefined;
      const result = this.fromOutcome(outcome, setup, doc.uri);
      if (!result) { if (outcome.kind === 'failed') this.drop(doc.uri); return undefined; }
      this.log.trace(`linted ${key} v${version} in ${Date.now() - started} ms: ${result.findings.length} findings`);
      this.store(doc.uri, result, version);
      return result;
    });
    this.inflight.set(key, { version, done });
    return done;
  }

  /** A worker's outcome as a result: over budget is one file-unreadable finding naming the limit and the setting. */
  private fromOutcome(outcome: Outcome, setup: LinterSetup, uri: vscode.Uri): Result | undefined {
    if (outcome.kind === 'done') return outcome.result;
    if (outcome.kind === 'cancelled') return undefined;
    const locale = setup.linter.options.locale ?? 'en';
    const severity = setup.linter.options.rules?.['file-unreadable'] ?? 'error';
    if (outcome.kind === 'over-budget') {
      this.log.warn(`${uri.toString()}: not linted within its time budget of ${outcome.budgetMs} ms`);
      const { model: _m, ...rest } = engine().overBudgetResult(outcome.budgetMs, BUDGET_SETTING, locale, severity);
      return rest;
    }
    // The engine should never throw, nor a worker fail; if one does, the file says so rather than show stale findings.
    this.log.error(`lint ${uri.toString()}: ${outcome.error}`);
    const { model: _m, ...rest } = engine().unreadableResult(`internal error: ${outcome.error}`, locale, severity);
    return rest;
  }

  private drop(uri: vscode.Uri): void {
    const key = uri.toString();
    this.transient.delete(key);
    if (this.entries.delete(key)) this.fire();
    this.diagnostics.delete(uri);
  }

  /**
   * The result for a document at its current version, linting now when the held one is older
   * (code actions need offsets into the current text). In onSave mode that result is not
   * published: the Problems panel keeps the findings of the saved text until the next save.
   */
  async resultFor(doc: vscode.TextDocument): Promise<Result | undefined> {
    const key = doc.uri.toString();
    const e = this.entries.get(key);
    if (e && e.version === doc.version) return e.result;
    const settings = readSettings(doc.uri);
    if (!settings.enable) return undefined;
    const version = doc.version;
    // Awaited, not the cached one: right after a config or settings change the cache is
    // empty, and a fix-all on save must not then silently do nothing.
    let setup: LinterSetup;
    try {
      setup = await this.configs.setupFor(doc.uri);
    } catch {
      return undefined;
    }
    if (settings.run === 'onSave') {
      const t = this.transient.get(key);
      if (t && t.version === version) return t.result;
      const text = doc.getText();
      if (!this.isPlaybook(setup, doc.uri, text)) return undefined;
      const result = this.fromOutcome(await this.service.lint(doc.uri, setup, { text }, true, `${key}#unsaved`), setup, doc.uri);
      if (!result || doc.version !== version) return undefined;
      this.transient.set(key, { version, result });
      return result;
    }
    const timer = this.timers.get(key);
    if (timer) { clearTimeout(timer); this.timers.delete(key); }
    // A run for this very text may be in flight, or start while ours runs (a file watcher
    // relints an open document) and supersede it: then its result is the one to take.
    for (let attempt = 0; attempt < 4 && doc.version === version && !doc.isClosed; attempt++) {
      const stored = this.entries.get(key);
      if (stored && stored.version === version) return stored.result;
      const running = this.inflight.get(key);
      const result = running && running.version === version
        ? await running.done
        : await this.lintWith(setup, doc, this.bump(doc.uri)); // a pending run for an older text is now stale
      if (result && doc.version === version) return result;
      if (!this.isPlaybook(setup, doc.uri, doc.getText())) return undefined;
    }
    return undefined;
  }

  /** On a change: lint after a pause in typing (run mode onType), else wait for the save. */
  scheduleDocument(doc: vscode.TextDocument): void {
    if (!isMarkdown(doc)) return;
    if (readSettings(doc.uri).run !== 'onType') return;
    const key = doc.uri.toString();
    const old = this.timers.get(key);
    if (old) clearTimeout(old);
    this.bump(doc.uri); // results of a run already in flight are stale now
    this.timers.set(key, setTimeout(() => { this.timers.delete(key); void this.lintDocument(doc, 'type'); }, TYPING_DELAY_MS));
  }

  /** A document was closed: a workspace playbook keeps its findings (from the file), others are cleared. */
  async closeDocument(doc: vscode.TextDocument): Promise<void> {
    const key = doc.uri.toString();
    const timer = this.timers.get(key);
    if (timer) { clearTimeout(timer); this.timers.delete(key); }
    this.inflight.delete(key);
    if (this.workspaceSet.has(key)) await this.lintFile(doc.uri);
    else { this.bump(doc.uri); this.service.cancel(doc.uri); this.drop(doc.uri); }
  }

  /** Lint a file from disk (or from its open document). */
  async lintFile(uri: vscode.Uri, bytes?: Uint8Array): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open && !open.isClosed) { await this.lintDocument(open); return; }
    const gen = this.bump(uri);
    if (!readSettings(uri).enable) { this.drop(uri); return; }
    try {
      const setup = await this.configs.setupFor(uri);
      const data = bytes ?? (await vscode.workspace.fs.readFile(uri));
      if (!this.current(uri, gen)) return;
      const result = this.fromOutcome(await this.service.lint(uri, setup, { bytes: data }, false), setup, uri);
      if (!this.current(uri, gen) || !result) return;
      this.store(uri, result, undefined);
    } catch (e) {
      if (this.current(uri, gen)) { this.log.warn(`cannot lint ${uri.toString()}: ${(e as Error).message}`); this.drop(uri); }
    }
  }

  /** Find every playbook in every workspace folder with the engine's discovery, and lint them. */
  scanWorkspace(): Promise<void> {
    const run = async (): Promise<void> => {
      const gen = ++this.scanGeneration;
      const started = Date.now();
      const found = new Map<string, { uri: vscode.Uri; bytes?: Uint8Array }>();
      for (const folder of vscode.workspace.workspaceFolders ?? []) {
        if (!readSettings(folder.uri).enable) continue;
        try {
          const setup = await this.configs.setupForDir(folder.uri);
          const list = await engine().discoverPlaybooks(workspaceFileHost(folder.uri), pathOf(folder.uri), {
            config: setup.config, configDir: setup.configDir, ...(setup.repoRoot ? { repoRoot: setup.repoRoot } : {}),
          });
          for (const f of list) {
            const uri = uriOf(folder.uri, f.path);
            found.set(uri.toString(), { uri, ...(f.bytes ? { bytes: f.bytes } : {}) });
          }
        } catch (e) {
          this.log.error(`discovery in ${folder.uri.toString()}: ${(e as Error).message}`);
        }
      }
      if (gen !== this.scanGeneration) return;
      const before = this.workspaceSet;
      this.workspaceSet = new Set(found.keys());
      for (const key of before) {
        if (this.workspaceSet.has(key)) continue;
        // Left the playbooks: an open document still shows its own findings while it exists; otherwise cleared.
        const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === key && !d.isClosed);
        const stillThere = open && (open.isDirty || open.isUntitled || (await exists(open.uri)));
        if (open && stillThere) void this.lintDocument(open); else { this.bump(vscode.Uri.parse(key)); this.drop(vscode.Uri.parse(key)); }
      }
      const list = [...found.values()];
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(8, list.length) }, async () => {
        while (next < list.length) { const f = list[next++]!; await this.lintFile(f.uri, f.bytes); }
      }));
      void vscode.commands.executeCommand('setContext', 'playbookLint.hasPlaybooks', this.workspaceSet.size > 0);
      this.log.info(`workspace: ${this.workspaceSet.size} playbooks in ${Date.now() - started} ms`);
      this.fire();
    };
    // One scan at a time; a request during a scan runs once more after it.
    const chained = (this.scanning ?? Promise.resolve()).then(run, run);
    this.scanning = chained;
    return chained;
  }

  /** A Markdown file changed on disk: relint it, or rescan when it may have joined or left the playbooks. */
  async fileChanged(uri: vscode.Uri): Promise<void> {
    if (!vscode.workspace.getWorkspaceFolder(uri)) return;
    const known = this.workspaceSet.has(uri.toString());
    let text = '';
    try { text = new TextDecoder().decode((await vscode.workspace.fs.readFile(uri)).subarray(0, 64 * 1024)); } catch { /* deleted meanwhile */ }
    const setup = await this.configs.setupFor(uri);
    const path = pathOf(uri);
    const candidate = !setup.ignored(path) && (setup.selects ? setup.selects(path) : engine().hasClientKey(text));
    if (known && candidate) await this.lintFile(uri);
    else if (known || candidate) await this.scanWorkspace();
  }
}
