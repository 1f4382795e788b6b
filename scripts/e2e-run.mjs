#!/usr/bin/env node
// End-to-end tests of the packaged extension in a real VS Code: code-server 4.100.3
// (VS Code 1.100.3, the real workbench and extension hosts) driven by Debian's
// Chromium through playwright-core. Run scripts/e2e-setup.mjs first.
//
//  1. package the .vsix (vsce, offline) and unzip it: the artifact is what is tested;
//  2. the web bundle in a sandbox without fs, child_process, require or eval/Function;
//     the standalone HTML report (`playbook-lint report --html`) opened in Chromium;
//  3. code-server #1 (trusted): the extension-host mocha suite (test/e2e/suite), then
//     the UI test (Problems panel, Onboarding view, screenshot in test-results/);
//  4. code-server #2 (workspace trust on, nothing trusted): the Restricted Mode suite;
//  5. code-server #3: the extension forced into the browser's web worker extension
//     host (remote.extensionKind = web): the browser bundle lints in the real workbench.
// The last line of stdout is `E2E_SUMMARY passed=N failed=M`; the exit code is 1 on failure.
import { spawn, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import vm from 'node:vm';
import { inflateRawSync } from 'node:zlib';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const hostDir = join(root, 'test/e2e/host');
const work = join(root, 'test/e2e/.work');
const resultsDir = join(root, 'test-results');
const EXTENSION_ID = 'playbook-lint.playbook-lint';
const started = Date.now();
const results = [];
const cleanups = [];
const verbose = !!process.env.PLAYBOOK_LINT_E2E_VERBOSE;
// For working on one part: PLAYBOOK_LINT_E2E_ONLY=sandbox,report,main,ui,restricted,web (default: all).
const only = new Set((process.env.PLAYBOOK_LINT_E2E_ONLY ?? 'sandbox,report,main,ui,restricted,web').split(','));

const log = (msg) => console.log(`e2e: ${msg}`);
function record(name, ok, detail = '') {
  results.push({ name, ok });
  console.log(`  ${ok ? 'ok  ' : 'FAIL'} ${name}${detail ? `\n       ${detail.replace(/\n/g, '\n       ')}` : ''}`);
}
function summary(extraFailure) {
  if (extraFailure) results.push({ name: extraFailure, ok: false });
  const passed = results.filter((r) => r.ok).length;
  const failed = results.length - passed;
  log(`${passed} passed, ${failed} failed in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`E2E_SUMMARY passed=${passed} failed=${failed}`);
  process.exitCode = failed ? 1 : 0;
}
async function cleanup() {
  for (const fn of cleanups.reverse()) { try { await fn(); } catch { /* best effort */ } }
  cleanups.length = 0;
}

// ---------------------------------------------------------------- helpers

function run(cmd, args, options = {}) {
  const r = spawnSync(cmd, args, { encoding: 'utf8', ...options });
  if (r.status !== 0) throw new Error(`${cmd} ${args.join(' ')} failed (${r.status ?? r.signal}):\n${r.stdout ?? ''}${r.stderr ?? ''}`);
  return r.stdout ?? '';
}

/** Extract a zip (the .vsix) with node's zlib: stored and deflated entries. */
function unzip(file, dest) {
  const buf = readFileSync(file);
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  if (eocd < 0) throw new Error(`${file}: not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (buf.readUInt32LE(p) !== 0x02014b50) throw new Error(`${file}: bad central directory`);
    const method = buf.readUInt16LE(p + 10);
    const size = buf.readUInt32LE(p + 20);
    const nameLen = buf.readUInt16LE(p + 28);
    const extraLen = buf.readUInt16LE(p + 30);
    const commentLen = buf.readUInt16LE(p + 32);
    const local = buf.readUInt32LE(p + 42);
    const name = buf.toString('utf8', p + 46, p + 46 + nameLen);
    p += 46 + nameLen + extraLen + commentLen;
    if (name.endsWith('/')) continue;
    if (name.split('/').includes('..')) throw new Error(`${file}: unsafe entry ${name}`);
    const dataStart = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const raw = buf.subarray(dataStart, dataStart + size);
    const data = method === 0 ? raw : method === 8 ? inflateRawSync(raw) : null;
    if (!data) throw new Error(`${file}: unsupported compression ${method} for ${name}`);
    const out = join(dest, name);
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, data);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => { const { port } = srv.address(); srv.close(() => resolve(port)); });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

const codeServerBin = join(hostDir, 'node_modules/code-server/out/node/entry.js');

/** Start code-server detached (its own process group), wait for /healthz. */
async function startCodeServer(name, { trust, settings, env = {} }) {
  const base = mkdtempSync(join(tmpdir(), `playbook-lint-e2e-${name}-`));
  const dirs = { base, userData: join(base, 'user-data'), extensions: join(base, 'extensions'), xdg: join(base, 'xdg') };
  mkdirSync(join(dirs.userData, 'User'), { recursive: true });
  mkdirSync(dirs.extensions, { recursive: true });
  writeFileSync(join(dirs.userData, 'User/settings.json'), JSON.stringify({
    'workbench.startupEditor': 'none',
    'workbench.tips.enabled': false,
    'workbench.enableExperiments': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.startupPrompt': 'never',
    'security.workspace.trust.emptyWindow': false,
    'files.autoSave': 'off',
    'window.restoreWindows': 'none',
    ...settings,
  }, null, 2));
  const port = await freePort();
  const childEnv = {
    ...process.env, XDG_CONFIG_HOME: join(dirs.xdg, 'config'), XDG_DATA_HOME: join(dirs.xdg, 'data'), XDG_CACHE_HOME: join(dirs.xdg, 'cache'),
    ...env,
  };
  delete childEnv.VSCODE_IPC_HOOK_CLI;
  const args = [codeServerBin, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none', '--disable-telemetry', '--disable-update-check',
    '--disable-getting-started-override', '--extensions-dir', dirs.extensions, '--user-data-dir', dirs.userData];
  if (!trust) args.push('--disable-workspace-trust');
  const out = [];
  const child = spawn(process.execPath, args, { env: childEnv, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  child.stdout.on('data', (d) => { out.push(d.toString()); if (verbose) process.stdout.write(`[${name}] ${d}`); });
  child.stderr.on('data', (d) => { out.push(d.toString()); if (verbose) process.stdout.write(`[${name}] ${d}`); });
  const stop = async () => {
    if (child.exitCode === null) {
      try { process.kill(-child.pid, 'SIGTERM'); } catch { /* gone */ }
      for (let i = 0; i < 40 && child.exitCode === null; i++) await sleep(50);
      try { process.kill(-child.pid, 'SIGKILL'); } catch { /* gone */ }
    }
    rmSync(base, { recursive: true, force: true });
  };
  cleanups.push(stop);
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`code-server (${name}) exited: ${out.join('')}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (r.ok) break;
    } catch { /* not yet */ }
    if (Date.now() > deadline) throw new Error(`code-server (${name}) did not answer /healthz:\n${out.join('')}`);
    await sleep(200);
  }
  return { port, dirs, stop, output: () => out.join(''), url: `http://127.0.0.1:${port}` };
}

function installVsix(vsix, extensionsDir) {
  run(process.execPath, [codeServerBin, '--install-extension', vsix, '--extensions-dir', extensionsDir, '--force'],
    { env: { ...process.env, XDG_CONFIG_HOME: join(extensionsDir, '..', 'xdg-install') } });
}

function copyWorkspace(name) {
  const dest = mkdtempSync(join(tmpdir(), `playbook-lint-e2e-ws-${name}-`));
  cpSync(join(root, 'test/e2e/workspace'), dest, { recursive: true });
  cleanups.push(() => rmSync(dest, { recursive: true, force: true }));
  return dest;
}

let browser;
async function newPage() {
  const requireHost = createRequire(join(hostDir, 'package.json'));
  if (!browser) {
    const { chromium } = requireHost('playwright-core');
    browser = await chromium.launch({
      executablePath: '/usr/bin/chromium', headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'],
    });
    cleanups.push(() => browser.close());
  }
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  const consoleLines = [];
  page.on('console', (m) => { consoleLines.push(m.text()); if (verbose) console.log(`  [console] ${m.text()}`); });
  page.on('pageerror', (e) => { if (verbose) console.log(`  [pageerror] ${e.message}`); });
  return { page, context, consoleLines };
}

/** Open the workbench with the extension-host test payload; resolve with the exit code and the suite's results file. */
async function runExtensionHostSuite(name, server, ws, extDir, suiteDir, resultsFile, { onLine } = {}) {
  const { page, context, consoleLines } = await newPage();
  const logLines = [];
  let exitCode;
  // A suite asks the harness for what only the UI can do (trusting the workspace) by logging a marker.
  if (onLine) page.on('console', (m) => onLine(m.text(), page));
  const done = new Promise((resolve) => {
    page.exposeFunction('codeAutomationLog', (type, args) => {
      const line = Array.isArray(args) ? args.map(String).join(' ') : String(args ?? type);
      logLines.push(line);
      if (verbose) console.log(`  [${name}] ${line}`);
      onLine?.(line, page);
    });
    page.exposeFunction('codeAutomationExit', (code) => { exitCode = code; resolve(code); });
  });
  const remote = (p) => `vscode-remote://127.0.0.1:${server.port}${p}`;
  const payload = [['extensionDevelopmentPath', remote(extDir)], ['extensionTestsPath', remote(join(suiteDir, 'index'))]];
  await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}&payload=${encodeURIComponent(JSON.stringify(payload))}`);
  const timeout = sleep(480_000).then(() => 'timeout'); // a hang cap: the suite takes 2-4 min, more on a busy machine
  const outcome = await Promise.race([done, timeout]);
  const data = existsSync(resultsFile) ? JSON.parse(readFileSync(resultsFile, 'utf8')) : undefined;
  if (outcome === 'timeout' || !data) {
    const tail = [...logLines, ...consoleLines].slice(-40).join('\n');
    record(`${name}: extension-host suite finished`, false, `${outcome === 'timeout' ? 'timed out' : `exit ${exitCode}, no results file`}\n${tail}\n${server.output().slice(-3000)}`);
  } else {
    for (const t of data.passed) record(`${name}: ${t}`, true);
    for (const f of data.failed) record(`${name}: ${f.title}`, false, f.error.split('\n').slice(0, 12).join('\n'));
    if (exitCode !== 0 && !data.failed.length) record(`${name}: exit code`, false, `exit ${exitCode}`);
  }
  await context.close();
  return data;
}

/**
 * When the restricted suite logs PLAYBOOK_LINT_E2E_GRANT_TRUST (it has opened the
 * Workspace Trust editor), click its "Trust" button, as a user would. Once.
 */
function trustOnRequest() {
  let asked = false;
  return (line, page) => {
    if (asked || !line.includes('PLAYBOOK_LINT_E2E_GRANT_TRUST')) return;
    asked = true;
    void (async () => {
      try {
        const button = page.locator('.workspace-trust-editor .workspace-trust-buttons-row .monaco-button', { hasText: /^Trust$/ })
          .or(page.getByRole('button', { name: 'Trust', exact: true })).first();
        await button.click({ timeout: 60_000 });
        if (verbose) log('clicked "Trust" in the Workspace Trust editor');
      } catch (e) {
        await page.screenshot({ path: join(resultsDir, 'trust-editor.png') }).catch(() => undefined);
        log(`could not click "Trust" (screenshot in test-results/trust-editor.png): ${e.message}`);
      }
    })();
  };
}

// ---------------------------------------------------------------- steps

async function packageExtension() {
  for (const f of ['dist/extension.cjs', 'dist/web.js', 'dist/lint-worker.cjs', 'dist/web-lint-worker.js', 'dist/cli.js']) {
    if (!existsSync(join(root, f))) {
      log(`${f} missing: building`);
      run(process.execPath, [join(root, 'scripts/build.mjs')], { cwd: root, stdio: 'inherit' });
      break;
    }
  }
  const vsix = join(work, 'playbook-lint.vsix');
  run(process.execPath, [join(root, 'node_modules/@vscode/vsce/vsce'), 'package', '--no-dependencies', '--no-rewrite-relative-links', '-o', vsix],
    { cwd: root });
  const unpacked = join(work, 'vsix');
  unzip(vsix, unpacked);
  const ext = join(unpacked, 'extension');
  const entries = [];
  const walk = (d) => { for (const n of readdirSync(d)) { const p = join(d, n); if (statSync(p).isDirectory()) walk(p); else entries.push(p.slice(ext.length + 1)); } };
  walk(ext);
  const bad = entries.filter((e) => /(^|\/)(src|test|node_modules)\/|\.map$|\.ts$/.test(e));
  const needed = ['dist/extension.cjs', 'dist/web.js', 'dist/lint-worker.cjs', 'dist/web-lint-worker.js', 'package.json', 'package.nls.ko.json', 'schemas/config.schema.json', 'schemas/profile.meta.schema.json',
    'snippets/markdown.json', 'templates/agency.en.md', 'templates/agency.ko.md', 'l10n/bundle.l10n.ko.json', 'images/icon.png'];
  const absent = needed.filter((f) => !entries.includes(f));
  record('the .vsix holds the bundles and data files, no sources, tests, maps or node_modules', !bad.length && !absent.length,
    bad.length || absent.length ? `unexpected: ${bad.join(', ') || '-'}; missing: ${absent.join(', ') || '-'}; files: ${entries.join(', ')}` : '');
  const sizes = {
    vsix: statSync(vsix).size, extension: statSync(join(ext, 'dist/extension.cjs')).size, web: statSync(join(ext, 'dist/web.js')).size,
  };
  log(`sizes: .vsix ${(sizes.vsix / 1024).toFixed(1)} KB, dist/extension.cjs ${(sizes.extension / 1024).toFixed(1)} KB, dist/web.js ${(sizes.web / 1024).toFixed(1)} KB`);
  return { vsix, ext, sizes };
}

async function bundleSuites() {
  const esbuild = await import(join(root, 'node_modules/esbuild/lib/main.js'));
  const build = async (dir, out) => {
    const entries = { index: join(root, 'test/e2e/suite/index.ts') };
    for (const n of readdirSync(join(root, dir)).filter((f) => f.endsWith('.e2e.ts'))) entries[n.replace(/\.ts$/, '')] = join(root, dir, n);
    await (esbuild.build ?? esbuild.default.build)({
      entryPoints: entries, bundle: true, platform: 'node', format: 'cjs', target: 'node20', outdir: out, external: ['vscode', 'mocha'],
      mainFields: ['module', 'main'], logLevel: 'warning', sourcemap: 'inline',
    });
    // The repository's package.json says "type": "module"; these bundles are CommonJS.
    writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
  };
  const main = join(work, 'suite-main');
  const restricted = join(work, 'suite-restricted');
  await build('test/e2e/suite', main);
  await build('test/e2e/restricted', restricted);
  return { main, restricted };
}


/**
 * The browser bundle in a V8 context with no fs, no child_process, no require (but
 * a stub `vscode` with only what activation and one lint need) and code generation
 * from strings disabled (no eval, no new Function). A real playbook is linted
 * through the extension's own path: discovery over the (stub) workspace.fs, the
 * bundled profile's precompiled validator, phrase packs, diagnostics.
 * The stub only proves the bundle's independence; real behaviour is tested in code-server.
 */
async function webBundleSandbox(ext) {
  const code = readFileSync(join(ext, 'dist/web.js'), 'utf8');
  const playbook = readFileSync(join(root, 'test/e2e/workspace/acme-outdoor.md'), 'utf8');
  const files = new Map([['/ws/acme-outdoor.md', playbook], ['/ws/notes.md', '# Notes\n']]);
  // The extension's own files (templates) and a document to adopt, which is not in the workspace listing.
  const extFiles = new Map(['en', 'ko'].map((l) => [`/ext/templates/agency.${l}.md`, readFileSync(join(ext, 'templates', `agency.${l}.md`), 'utf8')]));
  const adoptPath = '/ws/notes/northwind-onboarding.md';
  const adoptText = readFileSync(join(root, 'test/e2e/workspace/notes/northwind-onboarding.md'), 'utf8');
  const handlers = new Map();
  const applied = [];
  const disposable = { dispose() {} };
  const event = () => () => disposable;
  class EventEmitter { constructor() { this.listeners = []; this.event = (l) => { this.listeners.push(l); return disposable; }; } fire(v) { for (const l of this.listeners) l(v); } dispose() {} }
  class Uri {
    constructor(scheme, path) { this.scheme = scheme; this.path = path; }
    static parse(s) { const m = /^([\w-]+):\/\/[^/]*(.*)$/.exec(s); return new Uri(m ? m[1] : 'file', m ? m[2] : s); }
    static joinPath(u, ...parts) {
      const segs = u.path.split('/');
      for (const p of parts.join('/').split('/')) { if (p === '..') { if (segs.length > 1) segs.pop(); } else if (p && p !== '.') segs.push(p); }
      return new Uri(u.scheme, segs.join('/') || '/');
    }
    with(change) { return new Uri(change.scheme ?? this.scheme, change.path ?? this.path); }
    toString() { return `${this.scheme}://${this.path}`; }
  }
  class Position { constructor(line, character) { this.line = line; this.character = character; } }
  class Range { constructor(a, b, c, d) { this.start = typeof a === 'number' ? new Position(a, b) : a; this.end = typeof a === 'number' ? new Position(c, d) : b; } }
  class Diagnostic { constructor(range, message, severity) { this.range = range; this.message = message; this.severity = severity; } }
  class Location { constructor(uri, range) { this.uri = uri; this.range = range; } }
  class DiagnosticRelatedInformation { constructor(location, message) { this.location = location; this.message = message; } }
  class WorkspaceEdit { constructor() { this.inserts = []; } insert(uri, position, text) { this.inserts.push({ uri, position, text }); } }
  const lineStarts = (t) => [0, ...[...t.matchAll(/\r\n|\r|\n/g)].map((m) => m.index + m[0].length)];
  const textDocument = (uri, text) => ({
    uri, languageId: 'markdown', version: 1, isClosed: false, getText: () => text,
    positionAt: (offset) => { const starts = lineStarts(text); let line = 0; while (line + 1 < starts.length && starts[line + 1] <= offset) line++; return new Position(line, offset - starts[line]); },
  });
  const notFound = () => Object.assign(new Error('not found'), { code: 'FileNotFound' });
  const published = new Map();
  let onPublish = () => {};
  const ws = new Uri('vscode-vfs', '/ws');
  const doc = { uri: Uri.joinPath(ws, 'acme-outdoor.md'), languageId: 'markdown', version: 1, isClosed: false, getText: () => playbook };
  const vscodeStub = {
    Uri, Position, Range, Diagnostic, Location, DiagnosticRelatedInformation, EventEmitter, WorkspaceEdit,
    window: {
      createOutputChannel: () => ({ info() {}, warn() {}, error() {}, trace() {}, append() {}, replace() {}, show() {}, dispose() {} }),
      showInformationMessage: async () => undefined, showErrorMessage: async () => undefined, showInputBox: async () => undefined,
      createTreeView: () => ({ dispose() {}, badge: undefined }),
      createStatusBarItem: () => ({ show() {}, hide() {}, dispose() {} }),
      onDidChangeActiveTextEditor: event, activeTextEditor: undefined,
    },
    workspace: {
      isTrusted: true, textDocuments: [doc], workspaceFolders: [{ uri: ws, name: 'ws', index: 0 }],
      getWorkspaceFolder: () => ({ uri: ws, name: 'ws', index: 0 }),
      asRelativePath: (u) => String(u.path ?? u).replace('/ws/', ''),
      createFileSystemWatcher: () => ({ onDidCreate: event, onDidChange: event, onDidDelete: event, dispose() {} }),
      onDidOpenTextDocument: event, onDidChangeTextDocument: event, onDidSaveTextDocument: event, onDidCloseTextDocument: event,
      onDidChangeConfiguration: event, onDidGrantWorkspaceTrust: event, onDidChangeWorkspaceFolders: event,
      getConfiguration: () => ({ get: (_k, d) => d }),
      openTextDocument: async (u) => { if (u.path !== adoptPath) throw notFound(); return textDocument(u, adoptText); },
      applyEdit: async (edit) => { applied.push(edit); return true; },
      fs: {
        stat: async (u) => { if (files.has(u.path) || u.path === '/ws') return { type: files.has(u.path) ? 1 : 2 }; throw notFound(); },
        readFile: async (u) => { const f = files.get(u.path) ?? extFiles.get(u.path); if (f === undefined) throw notFound(); return new TextEncoder().encode(f); },
        readDirectory: async (u) => (u.path === '/ws' ? [...files.keys()].map((p) => [p.slice(4), 1]) : []),
      },
    },
    languages: {
      createDiagnosticCollection: () => ({ set(uri, ds) { published.set(uri.toString(), ds); onPublish(); }, delete() {}, clear() {}, dispose() {} }),
      registerCodeActionsProvider: () => disposable, registerCompletionItemProvider: () => disposable, registerHoverProvider: () => disposable,
    },
    commands: { registerCommand: (id, fn) => { handlers.set(id, fn); return disposable; }, executeCommand: async () => undefined },
    env: { language: 'ko' },
    l10n: { t: (s, ...a) => s.replace(/\{(\d+)\}/g, (_m, i) => String(a[i])) },
    CodeActionKind: { QuickFix: { value: 'quickfix' }, SourceFixAll: { value: 'source.fixAll', append: (x) => ({ value: `source.fixAll.${x}` }) },
      RefactorRewrite: { value: 'refactor.rewrite', append: (x) => ({ value: `refactor.rewrite.${x}` }) } },
    StatusBarAlignment: { Left: 1, Right: 2 },
    DiagnosticSeverity: { Error: 0, Warning: 1, Information: 2, Hint: 3 },
    FileType: { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 },
    ThemeIcon: class { constructor(id) { this.id = id; } },
    ThemeColor: class { constructor(id) { this.id = id; } },
  };
  const module = { exports: {} };
  const asked = [];
  const sandbox = {
    module, exports: module.exports, console, setTimeout, clearTimeout, TextDecoder, TextEncoder, performance, URL, queueMicrotask,
    require: (id) => {
      if (id === 'vscode') return vscodeStub;
      asked.push(id);
      throw new Error(`the web bundle asked for "${id}"`);
    },
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  let error;
  let api;
  try {
    // Code generation really is off in this context.
    let evalBlocked = false;
    try { vm.runInContext('new Function("return 1")()', context); } catch { evalBlocked = true; }
    if (!evalBlocked) throw new Error('the sandbox allows new Function');
    const t0 = performance.now();
    vm.runInContext(code, context, { filename: 'web.js' });
    const loadMs = performance.now() - t0;
    api = module.exports.activate({ subscriptions: [], extensionUri: new Uri('vscode-vfs', '/ext') });
    log(`web bundle in the sandbox: evaluated in ${loadMs.toFixed(1)} ms, activate() took ${api.activationMs} ms`);
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('no diagnostics within 10 s')), 10_000);
      onPublish = () => { if (published.get(doc.uri.toString())?.length && api.getResults().length) { clearTimeout(timer); resolve(); } };
      onPublish();
    });
  } catch (e) {
    error = e;
  }
  const ds = published.get(doc.uri.toString()) ?? [];
  const codes = new Set(ds.map((d) => d.code?.value));
  const found = ['banned-phrase', 'required-section', 'frontmatter-schema', 'duplicate-section'].every((c) => codes.has(c));
  const listed = api?.getResults?.().map((r) => r.uri) ?? [];
  // env.language is "ko": the engine's messages come from its Korean catalog.
  const korean = ds.some((d) => /[\uAC00-\uD7A3]/.test(d.message) && d.code?.value === 'required-section');
  record('web bundle: activates and lints with no fs, child_process, require or eval/new Function (V8 sandbox)',
    !error && api?.host === 'web' && found && korean && listed.length === 1 && !asked.length,
    error ? String(error.stack ?? error) : `codes: ${[...codes].join(', ')}; Korean messages: ${korean}; listed: ${listed.join(', ')}; required: ${asked.join(', ')}`);

  // "Adopt this document as a playbook" in the same sandbox: one edit of insertions that gives the expected playbook.
  let adoptProblem = '';
  try {
    const outcome = await handlers.get('playbookLint.adoptDocument')('Northwind Traders', new Uri('vscode-vfs', adoptPath));
    const inserts = applied.length === 1 ? applied[0].inserts : [];
    const starts = lineStarts(adoptText);
    let text = adoptText;
    for (const x of [...inserts].reverse()) { const at = starts[x.position.line] + x.position.character; text = text.slice(0, at) + x.text + text.slice(at); }
    const d = new Date();
    const today = `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
    const expected = readFileSync(join(root, 'test/fixtures/adopt/near-miss.adopted.md'), 'utf8').replace('start_date: "2026-11-25"', `start_date: "${today}"`);
    if (!outcome?.applied || applied.length !== 1) adoptProblem = `outcome ${JSON.stringify(outcome?.applied)}, ${applied.length} edits applied`;
    else if (text !== expected) adoptProblem = `the adopted text differs from test/fixtures/adopt/near-miss.adopted.md:\n${text.slice(0, 600)}`;
    // env.language is "ko": Korean labels; the sections are named in the document's language.
    else if (!/^줄 {2}작성된 제목 +섹션\n[^]*\n +6 {2}## Welcome +Welcome & Kickoff\n/.test(outcome.report)) adoptProblem = `heading table: ${outcome.report.slice(0, 300)}`;
  } catch (e) {
    adoptProblem = String(e.stack ?? e);
  }
  record('web bundle: "Adopt this document as a playbook" inserts the expected sections in one edit (V8 sandbox)', !error && !adoptProblem, adoptProblem);
  return vscodeStub;
}

/**
 * The browser's lint worker (dist/web-lint-worker.js) in a V8 context with no fs, no
 * child_process, no require and no code generation from strings: it says it is ready,
 * takes a setup and lints a real playbook through the protocol the extension speaks.
 */
async function webWorkerBundleSandbox(ext) {
  const code = readFileSync(join(ext, 'dist/web-lint-worker.js'), 'utf8');
  const playbook = readFileSync(join(root, 'test/e2e/workspace/acme-outdoor.md'), 'utf8');
  const posted = [];
  const asked = [];
  const sandbox = {
    console, setTimeout, clearTimeout, TextDecoder, TextEncoder, performance, URL, queueMicrotask,
    postMessage: (m) => posted.push(m),
    require: (id) => { asked.push(id); throw new Error(`the worker bundle asked for "${id}"`); },
  };
  sandbox.globalThis = sandbox;
  sandbox.self = sandbox;
  const context = vm.createContext(sandbox, { codeGeneration: { strings: false, wasm: false } });
  let error;
  let result;
  let secrets = [];
  let secretError;
  try {
    vm.runInContext(code, context, { filename: 'web-lint-worker.js' });
    const send = (data) => sandbox.onmessage({ data });
    send({ type: 'setup', key: 's', setup: { config: {}, configDir: '/ws', locale: 'en', trusted: false, files: {} } });
    send({ type: 'lint', id: 7, key: 's', text: playbook, today: '2026-11-25' });
    // The secret rule in the browser bundle: secretlint's preset (with the bundle's path shim) and a password field.
    const token = ['ghp', '_', 'wWPw5k4aXcaT4fNP0UcnZwJUVFk6LO0pINUx'].join('');
    send({ type: 'lint', id: 8, key: 's', text: `---\nclient: X\n---\n\n## Tools & Access\n\n- Password: Hz7mQ2xv-k9\n- Token: ${token}\n`, today: '2026-11-25' });
    const deadline = Date.now() + 10_000;
    const answered = (id) => (m) => m.id === id && (m.result || m.error);
    while (!(posted.some(answered(7)) && posted.some(answered(8))) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    result = posted.find(answered(7))?.result;
    secrets = (posted.find(answered(8))?.result?.findings ?? []).filter((f) => f.ruleId === 'secret').map((f) => f.data?.category ?? f.error);
    secretError = posted.find(answered(8))?.error;
  } catch (e) {
    error = e;
  }
  const codes = new Set((result?.findings ?? []).map((f) => f.ruleId));
  const ok = !error && posted[0]?.id === 0 && ['banned-phrase', 'required-section'].every((c) => codes.has(c)) && !asked.length;
  record('web lint worker: dist/web-lint-worker.js lints with no fs, child_process, require or eval/new Function (V8 sandbox)',
    ok, error ? String(error.stack ?? error) : `ready: ${posted[0]?.id === 0}; codes: ${[...codes].join(', ')}; required: ${asked.join(', ')}`);
  record('web lint worker: the secret rule finds a password field and a GitHub token (secretlint in the browser bundle, V8 sandbox)',
    !error && secrets.join(',') === 'password,github', secretError ?? `secret findings: ${secrets.join(', ') || 'none'}`);
}

/** How long Node takes to load the Node bundle and run activate() (information for the report, not asserted). */
function measureNodeLoad(ext, vscodeStub) {
  const require = createRequire(import.meta.url);
  const Module = require('node:module');
  const original = Module._load;
  Module._load = function load(request, ...rest) { return request === 'vscode' ? vscodeStub : original.call(this, request, ...rest); };
  try {
    const t0 = performance.now();
    const mod = require(join(ext, 'dist/extension.cjs'));
    const loadMs = performance.now() - t0;
    const api = mod.activate({ subscriptions: [], extensionUri: vscodeStub.Uri.parse('file:///ext') });
    return { loadMs: Math.round(loadMs * 10) / 10, activateMs: api.activationMs };
  } finally {
    Module._load = original;
  }
}

/** Quick Open (Ctrl+P) a file by name and wait for its tab. */
async function quickOpen(page, name) {
  for (let i = 0; i < 6; i++) {
    await page.keyboard.press('Escape');
    await page.locator('.monaco-workbench .part.editor').click({ position: { x: 300, y: 300 } }).catch(() => undefined);
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget input.input');
    if (!(await input.waitFor({ state: 'visible', timeout: 5_000 }).then(() => true, () => false))) continue;
    await input.fill(name);
    await page.waitForSelector(`.quick-input-list .monaco-list-row[aria-label*="${name}"]`, { timeout: 10_000 }).catch(() => undefined);
    await page.keyboard.press('Enter');
    if (await page.waitForSelector(`.tabs-container .tab[aria-label*="${name}"]`, { timeout: 10_000 }).then(() => true, () => false)) return;
  }
  throw new Error(`could not open ${name} with Quick Open`);
}

/** The report's webview in the workbench: a real click on a missing item opens the playbook at its line. */
async function reportWebviewClick(page) {
  await page.keyboard.press('Escape');
  await page.keyboard.press('F1');
  const input = page.locator('.quick-input-widget input.input');
  await input.waitFor({ state: 'visible', timeout: 10_000 });
  await input.fill('>Playbook Lint: Show Completeness Report');
  await page.waitForSelector('.quick-input-list .monaco-list-row[aria-label*="Show Completeness Report"]', { timeout: 10_000 });
  await page.keyboard.press('Enter');
  // The page sits in the webview's inner frame: find the frame that holds the report's rows.
  let frame;
  for (let i = 0; i < 100 && !frame; i++) {
    for (const f of page.frames()) {
      if (await f.evaluate(() => !!document.querySelector('.rows .row')).catch(() => false)) { frame = f; break; }
    }
    if (!frame) await sleep(200);
  }
  if (!frame) throw new Error('no webview frame with the report');
  const row = frame.locator('.row', { hasText: 'Acme Outdoor Co.' });
  await row.locator('details summary').click();
  const item = row.locator('a.item', { hasText: 'Billing & Invoicing' });
  const line = Number(await item.getAttribute('data-line'));
  await item.click();
  const ok = await page.waitForFunction((ln) => {
    // Opened beside the report: the active tab of one of the editor groups.
    const tabs = [...document.querySelectorAll('.tabs-container .tab.active')];
    const status = document.querySelector('.statusbar')?.textContent ?? '';
    return tabs.some((t) => t.getAttribute('aria-label')?.includes('acme-outdoor.md')) && status.includes(`Ln ${ln},`);
  }, line, { timeout: 20_000 }).then(() => true, () => false);
  const where = await page.evaluate(() => `${[...document.querySelectorAll('.tabs-container .tab.active')].map((t) => t.getAttribute('aria-label')).join(', ')} | ${document.querySelector('.statusbar')?.innerText}`);
  record('UI: a click on a missing item in the report\'s webview opens the playbook at its line', ok && line > 1, ok ? '' : `line ${line}; ${where}`);
}

async function uiTest(server, ws) {
  const { page, context, consoleLines } = await newPage();
  const shot = join(resultsDir, 'e2e-onboarding.png');
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.monaco-workbench', { timeout: 60_000 });
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    await quickOpen(page, 'acme-outdoor.md');
    await page.keyboard.press('Control+Shift+M');
    const problems = page.locator('.markers-panel');
    await problems.waitFor({ timeout: 20_000 });
    await page.waitForFunction(() => document.querySelector('.markers-panel')?.textContent?.includes('I think'), undefined, { timeout: 30_000 });
    const text = await problems.innerText();
    const wanted = ['Avoid "I think"', 'Missing required section "Billing & Invoicing"', 'playbook-lint'];
    const missing = wanted.filter((w) => !text.includes(w));
    record('UI: the Problems panel lists the playbook\'s findings', !missing.length, missing.length ? `missing ${missing.join(', ')} in:\n${text.slice(0, 800)}` : '');

    // (force: the view's badge sits over the icon)
    await page.locator('.activitybar .action-item a[aria-label^="Playbook Lint"]').click({ force: true });
    const view = page.locator('.pane:has(.pane-header[aria-label^="Onboarding"]), .pane-body').filter({ hasText: 'Acme Outdoor Co.' });
    await view.first().waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const t = document.querySelector('.sidebar')?.textContent ?? '';
      return t.includes('Acme Outdoor Co.') && t.includes('Billing & Invoicing') && t.includes('한빛 코스메틱');
    }, undefined, { timeout: 30_000 });
    const sidebar = await page.locator('.sidebar').innerText();
    const status = await page.locator('.statusbar').innerText();
    mkdirSync(resultsDir, { recursive: true });
    await page.screenshot({ path: shot });
    const okTree = ['Acme Outdoor Co.', 'Billing & Invoicing', '한빛 코스메틱'].every((w) => sidebar.includes(w)) && /\d+%/.test(sidebar)
      && !sidebar.includes('Archived Client');
    record('UI: the Onboarding view lists the clients, completeness and missing items', okTree, okTree ? '' : sidebar.slice(0, 800));
    record('UI: the status bar shows the active playbook\'s completeness', /Playbook \d+% · \d+ missing/.test(status), status.slice(0, 300));
    record('UI: screenshot kept', existsSync(shot), shot);
    await reportWebviewClick(page);
  } catch (e) {
    await page.screenshot({ path: join(resultsDir, 'e2e-ui-failure.png') }).catch(() => undefined);
    record('UI test', false, `${e.message}\n${consoleLines.slice(-15).join('\n')}`);
  } finally {
    await context.close();
  }
}

/**
 * The standalone HTML report (`playbook-lint report --html`) in headless Chromium, opened
 * from a file as a mail attachment would be: every playbook of the JSON with its score in
 * the same order, the ranked missing sections with the JSON's counts, hostile names as
 * text, not one request beyond the file itself, and one printed page per 40 clients.
 * The screenshot is kept in test-results/.
 */
async function reportPageTest() {
  const dir = join(work, 'report');
  mkdirSync(dir, { recursive: true });
  const htmlFile = join(dir, 'report.html');
  const cli = (args) => spawnSync(process.execPath, [join(root, 'bin/playbook-lint.js'), ...args], { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const lint = cli(['test/fixtures/report', '--format', 'json', '--no-cache', '--today', '2026-11-25']);
  const made = cli(['report', 'test/fixtures/report', '--html', htmlFile, '--no-cache', '--today', '2026-11-25']);
  const json = JSON.parse(lint.stdout);
  const written = existsSync(htmlFile) && made.status === lint.status;
  record('report: `playbook-lint report --html` writes the page (same exit code as the lint)', written, written ? '' : `${made.status} vs ${lint.status}: ${made.stderr}`);
  const { page, context } = await newPage();
  const requests = [];
  const dialogs = [];
  try {
    page.on('request', (r) => requests.push(r.url()));
    page.on('dialog', (d) => { dialogs.push(d.message()); void d.dismiss(); });
    const url = `file://${htmlFile}`;
    await page.goto(url);
    await page.waitForLoadState('load');
    await page.waitForTimeout(300); // let a stray handler fire, if there were one
    const shown = await page.evaluate(() => ({
      title: document.title,
      imgs: document.querySelectorAll('img, script, iframe').length,
      rows: [...document.querySelectorAll('.row')].map((r) => ({ name: r.querySelector('.client')?.textContent, file: r.querySelector('.who small')?.textContent, score: r.querySelector('.score')?.textContent })),
      ranked: [...document.querySelectorAll('.ranked > li')].map((li) => ({ id: li.getAttribute('data-section'), count: Number(li.querySelector('.count')?.getAttribute('data-count')) })),
      owners: [...document.querySelectorAll('.owners h3')].map((h) => h.firstChild?.textContent?.trim()),
      barWidths: [...document.querySelectorAll('.row .bar rect:not(.track)')].map((r) => Number(r.getAttribute('width'))),
    }));
    const expected = [...json].sort((a, b) => a.completeness.score - b.completeness.score || (a.client < b.client ? -1 : a.client > b.client ? 1 : 0))
      .map((e) => ({ name: e.client, file: e.file, score: `${e.completeness.score}%` }));
    const sameRows = JSON.stringify(shown.rows) === JSON.stringify(expected);
    const rowsOk = sameRows && shown.barWidths.join() === expected.map((e) => parseInt(e.score, 10)).join();
    record('report in Chromium: every playbook of the JSON appears with its score, least complete first', rowsOk, rowsOk ? '' : `shown ${JSON.stringify(shown.rows)}\nexpected ${JSON.stringify(expected)}`);
    const counts = new Map();
    for (const e of json) for (const id of new Set(e.completeness.missing.filter((m) => m.kind === 'section').map((m) => m.id))) counts.set(id, (counts.get(id) ?? 0) + 1);
    const rankedOk = shown.ranked.length === counts.size && shown.ranked.every((r, i) => counts.get(r.id) === r.count && (i === 0 || shown.ranked[i - 1].count >= r.count));
    record('report in Chromium: the ranked missing sections match the JSON', rankedOk, rankedOk ? '' : JSON.stringify(shown.ranked));
    const hostile = json.find((e) => e.client.startsWith('<img'));
    const asText = shown.rows.some((r) => r.name === hostile.client) && shown.owners.includes("<script>document.title='owned'</script>");
    const textOk = asText && shown.imgs === 0 && shown.title.startsWith('Onboarding completeness') && !dialogs.length;
    record('report in Chromium: a client named <img src=x onerror=...> (and an owner named <script>) is shown as text', textOk, textOk ? '' : JSON.stringify({ title: shown.title, imgs: shown.imgs, dialogs, owners: shown.owners }));
    const others = requests.filter((u) => u !== url);
    record('report in Chromium: no request leaves the page (only the file itself is loaded)', requests.length === 1 && !others.length, `${requests.length} request(s): ${requests.join(', ')}`);
    mkdirSync(resultsDir, { recursive: true });
    const shot = join(resultsDir, 'report.png');
    await page.setViewportSize({ width: 1100, height: 800 });
    await page.screenshot({ path: shot, fullPage: true });
    record('report in Chromium: screenshot kept', existsSync(shot) && statSync(shot).size > 0, shot);

    // Print: 85 clients are three pages of bars (40, 40, 5); the panels follow on the third.
    const { formatHtml } = await import(pathToFileURL(join(root, 'out/src/cli/formatters/html.js')).href);
    const many = Array.from({ length: 85 }, (_, i) => ({ file: `c${i}.md`, client: `고객 Client ${String(i).padStart(2, '0')}`, owner: null,
      completeness: { score: (i * 37) % 101, missing: [] }, findings: [] }));
    const printFile = join(dir, 'print.html');
    writeFileSync(printFile, formatHtml(many, { locale: 'en', date: '2026-11-25' }));
    await page.goto(`file://${printFile}`);
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    writeFileSync(join(resultsDir, 'report-print.pdf'), pdf);
    const pages = (pdf.toString('latin1').match(/\/Type\s*\/Page[^s]/g) ?? []).length;
    record('report printed: one A4 page per 40 clients (85 clients: 3 pages)', pages === 3, `${pages} pages`);
  } catch (e) {
    record('report in Chromium', false, String(e.stack ?? e));
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- screenshots for the README
// `npm run screenshots` (scripts/screenshots.mjs): PNGs of what a user gets, made from the
// example playbooks, into images/ (each under 200 KB); not part of `npm test`.

const IMAGES = join(root, 'images');
const MAX_PNG = 200 * 1024;

function recordPng(name, file) {
  const size = existsSync(file) ? statSync(file).size : 0;
  record(`screenshots: ${name} (${(size / 1024).toFixed(0)} KB, under 200 KB)`, size > 0 && size < MAX_PNG, size ? '' : `${file} not written`);
}

/** A fresh page for `shoot(page)`, which writes `file`; the PNG is then checked (or the failure recorded). */
async function screenshot(name, file, shoot) {
  const { page, context } = await newPage();
  try {
    await shoot(page);
    recordPng(name, file);
  } catch (e) {
    record(`screenshots: ${name}`, false, String(e.stack ?? e));
  } finally {
    await context.close();
  }
}

/** The Onboarding view and the Problems panel with the examples' diagnostics, in code-server. */
async function screenshotEditor(server, ws) {
  const shot = join(IMAGES, 'onboarding-view.png');
  await screenshot('the Onboarding view with diagnostics', shot, async (page) => {
    await page.setViewportSize({ width: 1280, height: 760 });
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    await quickOpen(page, 'bright-bakery.md');
    await page.keyboard.press('Control+Shift+M');
    await page.waitForFunction(() => (document.querySelector('.markers-panel')?.textContent ?? '').includes('Billing & Invoicing'), undefined, { timeout: 30_000 });
    await page.locator('.activitybar .action-item a[aria-label^="Playbook Lint"]').click({ force: true });
    await page.waitForFunction(() => {
      const t = document.querySelector('.sidebar')?.textContent ?? '';
      return t.includes('Bright Bakery') && t.includes('한빛 코스메틱') && t.includes('Acme Outdoor Co.');
    }, undefined, { timeout: 30_000 });
    // The cursor on a finding, so the editor shows its squiggle and the status bar its completeness.
    await page.keyboard.press('Control+G');
    await page.keyboard.type('28');
    await page.keyboard.press('Enter');
    await page.waitForTimeout(800);
    await page.screenshot({ path: shot });
  });
}

/** The standalone HTML report of examples/ in Chromium. */
async function screenshotReport(dir) {
  const html = join(dir, 'report.html');
  spawnSync(process.execPath, [join(root, 'bin/playbook-lint.js'), 'report', 'examples', '--html', html, '--no-cache'], { cwd: root, encoding: 'utf8' });
  const shot = join(IMAGES, 'report.png');
  await screenshot('the HTML report', shot, async (page) => {
    await page.setViewportSize({ width: 1000, height: 760 });
    await page.goto(`file://${html}`);
    // Open Bright Bakery's missing items, as a reader would.
    await page.locator('.row details summary').first().click();
    await page.screenshot({ path: shot });
  });
}

/** A pull-request comment (`playbook-lint diff --format markdown`) for a change to examples/, rendered as GitHub shows Markdown. */
async function screenshotPrComment(dir) {
  const repo = join(dir, 'repo');
  mkdirSync(repo, { recursive: true });
  const env = { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null', GIT_AUTHOR_DATE: '2026-11-20T09:00:00Z', GIT_COMMITTER_DATE: '2026-11-20T09:00:00Z' };
  const git = (...args) => run('git', args, { cwd: repo, env });
  git('init', '-q', '-b', 'main');
  git('config', 'user.name', 'Screenshots');
  git('config', 'user.email', 'screenshots@playbook-lint.invalid');
  cpSync(join(root, 'examples'), join(repo, 'clients'), { recursive: true });
  git('add', '-A');
  git('commit', '-q', '-m', 'base');
  // The change: Acme loses its billing section and gains a hedge; Bright Bakery gets its billing section.
  const acmePath = join(repo, 'clients/acme-outdoor.md');
  const acme = readFileSync(acmePath, 'utf8');
  const billing = acme.indexOf('## Billing & Invoicing');
  const next = acme.indexOf('\n## ', billing + 1);
  writeFileSync(acmePath, (acme.slice(0, billing) + acme.slice(next + 1)).replace('## Goals & Success Metrics\n', '## Goals & Success Metrics\n\nTo be honest, I think the spring launch date may slip.\n'));
  const bakeryPath = join(repo, 'clients/bright-bakery.md');
  const bakery = readFileSync(bakeryPath, 'utf8');
  const quick = bakery.indexOf('## Quick Wins');
  writeFileSync(bakeryPath, `${bakery.slice(0, quick)}## Billing & Invoicing\n\nInvoices go out on the 1st of each month by email to Helen Brandt; net 15 by bank transfer.\n\n${bakery.slice(quick)}`);
  git('commit', '-q', '-am', 'head');
  const diff = spawnSync(process.execPath, [join(root, 'bin/playbook-lint.js'), 'diff', '--base', 'HEAD~1', '--head', 'HEAD', '--format', 'markdown'], { cwd: repo, encoding: 'utf8' });
  if (diff.status === 2 || !diff.stdout.trim()) throw new Error(`playbook-lint diff failed (${diff.status}): ${diff.stderr}`);
  const md = diff.stdout;
  const { micromark } = await import(pathToFileURL(join(root, 'node_modules/micromark/index.js')).href);
  const { gfm, gfmHtml } = await import(pathToFileURL(join(root, 'node_modules/micromark-extension-gfm/index.js')).href);
  const body = micromark(md, { allowDangerousHtml: true, extensions: [gfm()], htmlExtensions: [gfmHtml()] });
  const page = `<!DOCTYPE html><html><head><meta charset="utf-8"><style>
body{margin:0;padding:24px;background:#fff;font:14px/1.5 -apple-system,"Segoe UI","Noto Sans","Noto Sans CJK KR",Helvetica,Arial,sans-serif,"Noto Color Emoji";color:#1f2328}
.comment{max-width:960px;border:1px solid #d1d9e0;border-radius:6px}
.head{background:#f6f8fa;border-bottom:1px solid #d1d9e0;padding:8px 16px;border-radius:6px 6px 0 0;color:#59636e}.head b{color:#1f2328}
.body{padding:8px 16px 16px}h1,h2,h3{margin:16px 0 8px;font-size:1.25em}h2{padding-bottom:.3em;border-bottom:1px solid #d1d9e0}
table{border-collapse:collapse;margin:8px 0}th,td{border:1px solid #d1d9e0;padding:4px 10px}th{background:#f6f8fa}
code{background:#eff1f3;border-radius:4px;padding:.1em .35em;font-size:85%}a{color:#0969da;text-decoration:none}
details{margin:6px 0}summary{cursor:pointer}ul{padding-left:2em}
</style></head><body><div class="comment"><div class="head"><b>playbook-lint</b> <span>bot</span> commented</div><div class="body">${body}</div></div></body></html>`;
  const file = join(dir, 'pr-comment.html');
  writeFileSync(file, page);
  const shot = join(IMAGES, 'pr-comment.png');
  await screenshot('a pull-request comment', shot, async (p) => {
    await p.setViewportSize({ width: 1010, height: 600 });
    await p.goto(`file://${file}`);
    await p.locator('.comment details summary').first().click(); // Acme's new problems, as a reviewer opens them
    await p.locator('.comment').screenshot({ path: shot });
  });
}

/** The extension forced into the browser's web worker extension host: the browser bundle lints in the workbench. */
async function webWorkerTest(server, ws) {
  const { page, context, consoleLines } = await newPage();
  try {
    await page.goto(`${server.url}/?folder=${encodeURIComponent(ws)}`);
    await page.waitForSelector('.statusbar', { timeout: 60_000 });
    await quickOpen(page, 'hanbit-cosmetics.md');
    await page.keyboard.press('Control+Shift+M');
    // The Problems panel lists every workspace playbook (acme-outdoor.md first); the status bar is the active one's.
    await page.waitForFunction(() => (document.querySelector('.markers-panel')?.textContent ?? '').includes('banned-phrase'), undefined, { timeout: 30_000 });
    await page.waitForFunction(() => /Playbook \d+% · \d+ missing/.test(document.querySelector('.statusbar')?.textContent ?? ''), undefined, { timeout: 30_000 });
    const hosted = await page.waitForFunction(() => true).then(() => consoleLines.some((l) => /Playbook Lint activated .*web host/.test(l)));
    const webHostLines = consoleLines.filter((l) => /Playbook Lint activated/.test(l));
    record('web worker host: the browser bundle (dist/web.js) activates in code-server\'s web worker extension host and lints',
      hosted, hosted ? webHostLines[0] ?? '' : `activation lines: ${webHostLines.join(' | ') || 'none'}`);
    // Where the browser bundle lints: in a Web Worker it starts (dist/web-lint-worker.js), or in its own thread when the host cannot start one.
    await page.waitForFunction(() => true);
    const where = consoleLines.find((l) => /Playbook Lint lints in/.test(l)) ?? '';
    record('web worker host: the browser bundle lints in a Web Worker of its own (dist/web-lint-worker.js), off the extension host\'s thread',
      /lints in workers/.test(where), where || 'no "Playbook Lint lints in" line in the console');
    return webHostLines[0];
  } catch (e) {
    await page.screenshot({ path: join(resultsDir, 'e2e-web-failure.png') }).catch(() => undefined);
    record('web worker host: the browser bundle activates and lints', false, `${e.message}\n${consoleLines.filter((l) => /xtension|Playbook/.test(l)).slice(-15).join('\n')}`);
    return undefined;
  } finally {
    await context.close();
  }
}

// ---------------------------------------------------------------- main

async function main() {
  if (!existsSync(codeServerBin)) throw new Error('the e2e host is not installed: run node scripts/e2e-setup.mjs');
  if (!existsSync('/usr/bin/chromium')) throw new Error('/usr/bin/chromium is missing: run node scripts/e2e-setup.mjs');
  rmSync(work, { recursive: true, force: true });
  mkdirSync(work, { recursive: true });
  mkdirSync(resultsDir, { recursive: true });

  log('packaging the extension');
  const { vsix, ext, sizes } = await packageExtension();
  const suites = await bundleSuites();
  let nodeLoad;
  if (only.has('sandbox')) {
    const stub = await webBundleSandbox(ext);
    await webWorkerBundleSandbox(ext);
    try { nodeLoad = measureNodeLoad(ext, stub); } catch (e) { log(`could not measure the Node bundle's load time: ${e.message}`); }
  }

  if (only.has('report')) {
    log('the standalone HTML report in Chromium');
    await reportPageTest();
  }

  let mainData;
  if (only.has('main') || only.has('ui')) {
    log('code-server #1: trusted workspace, extension-host suite and UI test');
    const resultsMain = join(work, 'results-main.json');
    const s1 = await startCodeServer('trusted', { trust: false, settings: {}, env: { PLAYBOOK_LINT_E2E_RESULTS: resultsMain, PLAYBOOK_LINT_REPO: root } });
    installVsix(vsix, s1.dirs.extensions);
    if (only.has('main')) mainData = await runExtensionHostSuite('extension host', s1, copyWorkspace('main'), ext, suites.main, resultsMain);
    if (only.has('ui')) await uiTest(s1, copyWorkspace('ui'));
    await s1.stop();
  }

  if (only.has('screenshots')) {
    log('screenshots of the example playbooks for the README (images/)');
    mkdirSync(IMAGES, { recursive: true });
    const dir = join(work, 'screenshots');
    mkdirSync(dir, { recursive: true });
    await screenshotReport(dir);
    await screenshotPrComment(dir).catch((e) => record('screenshots: a pull-request comment', false, String(e.stack ?? e)));
    const s4 = await startCodeServer('screenshots', { trust: false, settings: { 'workbench.colorTheme': 'Default Light Modern', 'editor.minimap.enabled': false, 'editor.stickyScroll.enabled': false } });
    installVsix(vsix, s4.dirs.extensions);
    const ws = mkdtempSync(join(tmpdir(), 'playbook-lint-e2e-ws-examples-'));
    cleanups.push(() => rmSync(ws, { recursive: true, force: true }));
    cpSync(join(root, 'examples'), ws, { recursive: true });
    await screenshotEditor(s4, ws);
    await s4.stop();
  }

  if (only.has('restricted')) {
    log('code-server #2: untrusted workspace (Restricted Mode)');
    const resultsRestricted = join(work, 'results-restricted.json');
    const s2 = await startCodeServer('restricted', { trust: true, settings: {}, env: { PLAYBOOK_LINT_E2E_RESULTS: resultsRestricted } });
    await runExtensionHostSuite('restricted mode', s2, copyWorkspace('restricted'), ext, suites.restricted, resultsRestricted, { onLine: trustOnRequest() });
    await s2.stop();
  }

  let webLine;
  if (only.has('web')) {
    log('code-server #3: the extension in the web worker extension host');
    const s3 = await startCodeServer('web', { trust: false, settings: { 'remote.extensionKind': { [EXTENSION_ID]: ['web'] } } });
    installVsix(vsix, s3.dirs.extensions);
    webLine = await webWorkerTest(s3, copyWorkspace('web'));
    await s3.stop();
  }

  if (mainData?.activationMs !== undefined) log(`activation: activate() took ${mainData.activationMs} ms in code-server's Node extension host`);
  if (mainData?.extensionHostLagMs !== undefined) log(`off-thread linting: the extension host's event loop lagged at most ${mainData.extensionHostLagMs} ms while a slow file was linted (target under 200 ms)`);
  if (mainData?.soakHeap) log(`editor soak: extension host heap ${(mainData.soakHeap.after20 / 1048576).toFixed(1)} MB after 20 edits, ${(mainData.soakHeap.after300 / 1048576).toFixed(1)} MB after 300 (${mainData.soakHeap.growthPct}%, target within 10%)`);
  if (nodeLoad) log(`activation: loading dist/extension.cjs took ${nodeLoad.loadMs} ms in Node (activate() ${nodeLoad.activateMs} ms)`);
  if (webLine) log(`web worker host: ${webLine.replace(/%c/g, '').replace(/ color: .*$/, '')}`);
  log(`.vsix ${(sizes.vsix / 1024).toFixed(1)} KB; bundles: extension.cjs ${(sizes.extension / 1024).toFixed(1)} KB, web.js ${(sizes.web / 1024).toFixed(1)} KB`);
}

try {
  await main();
  await cleanup();
  summary(results.length ? undefined : 'no e2e test ran');
} catch (e) {
  console.error(e.stack ?? e);
  await cleanup();
  summary(`e2e harness error: ${e.message}`);
}
process.exit(process.exitCode ?? 0);
