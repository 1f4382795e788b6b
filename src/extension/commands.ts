// The "Playbook Lint:" commands. They only wire VS Code to the engine's results.
import * as vscode from 'vscode';
import type { AdoptResult, Lang } from '../core/index.js';
import { localDate, parseServices, renderTemplate, slugify } from '../core/template.js';
import { fixAllEdit } from './code-actions.js';
import { ConfigStore } from './configs.js';
import { CONFIG_FILE_NAME as CONFIG_FILE, engine } from './engine.js';
import { exists } from './host.js';
import type { Linting } from './linting.js';
import { offsetRange } from './positions.js';
import type { ReportPanel } from './report-panel.js';
import { fixFor, type Node } from './tree.js';

export type TemplateLang = 'en' | 'ko';

/** What "Adopt this document as a playbook" did (for tests and other extensions). */
export interface AdoptOutcome {
  /** The edit was applied (false when there was nothing to add or VS Code refused it). */
  applied: boolean;
  result: Pick<AdoptResult, 'changed' | 'client' | 'clientSource' | 'lang' | 'headings' | 'inserted' | 'skipped' | 'keysAdded' | 'frontmatterAdded'>;
  /** The heading table and summary, as shown in the output channel. */
  report: string;
}

export class Commands {
  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly linting: Linting,
    private readonly report: ReportPanel,
  ) {}

  register(): vscode.Disposable[] {
    const c = (id: string, fn: (...args: any[]) => unknown) => vscode.commands.registerCommand(id, fn);
    return [
      c('playbookLint.newPlaybook', (client?: string, lang?: TemplateLang, target?: vscode.Uri, services?: string[]) => this.newPlaybook(client, lang, target, services)),
      c('playbookLint.lintWorkspace', () => this.lintWorkspace()),
      c('playbookLint.showReport', () => this.report.show()),
      // (uri?) from tests and other extensions: write there without asking.
      c('playbookLint.exportReport', (uri?: unknown) => this.report.exportHtml(uri instanceof vscode.Uri ? uri : undefined)),
      c('playbookLint.fixAll', (uri?: vscode.Uri) => this.fixAll(uri)),
      c('playbookLint.openConfig', (uri?: vscode.Uri) => this.openConfig(uri)),
      c('playbookLint.refresh', () => this.linting.scanWorkspace()),
      c('playbookLint.insertMissing', (node?: Node) => this.insertMissing(node)),
      // (client?, uri?) from tests and other extensions; a menu passes the file's URI first.
      c('playbookLint.adoptDocument', (a?: unknown, b?: unknown) => this.adoptDocument(typeof a === 'string' ? a : undefined,
        a instanceof vscode.Uri ? a : b instanceof vscode.Uri ? b : undefined)),
      { dispose: () => this.adoptChannel?.dispose() },
    ];
  }

  private adoptChannel: vscode.OutputChannel | undefined;

  /**
   * Adopt the active Markdown document (or `uri`) as a playbook: one WorkspaceEdit of
   * insertions only (frontmatter or its missing keys, missing sections where they belong),
   * then the heading table in the "Playbook Lint: Adopt" output channel. Asks for the
   * client's name, prefilled with the engine's guess, unless it is given or the frontmatter
   * already has one; Escape cancels and changes nothing.
   */
  async adoptDocument(clientArg?: string, uri?: vscode.Uri): Promise<AdoptOutcome | undefined> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'markdown') {
      void vscode.window.showInformationMessage(vscode.l10n.t('Open a Markdown document to adopt it as a playbook.'));
      return undefined;
    }
    const e = engine();
    const locale = e.toLocale(vscode.env.language);
    const { linter } = await this.linting.configs.setupFor(document.uri);
    const templates: Partial<Record<Lang, string>> = {};
    for (const lang of ['en', 'ko'] as const) {
      templates[lang] = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'templates', `agency.${lang}.md`)));
    }
    const options = { profile: linter.options.profile, defaultLang: linter.options.defaultLang ?? 'en', fileName: document.uri.path,
      today: localDate(), templates, locale };
    const adopt = (client?: string): AdoptResult => e.adoptDocument(document.getText(), client ? { ...options, client } : options);
    let client = clientArg?.trim() || undefined;
    let result: AdoptResult;
    try {
      result = adopt(client);
      if (!client && result.keysAdded.includes('client')) {
        client = (await vscode.window.showInputBox({
          title: vscode.l10n.t('Adopt this document as a playbook'), prompt: vscode.l10n.t('Client name'), value: result.client ?? '',
          validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client name')),
        }))?.trim();
        if (!client) return undefined;
      }
      // From the text as it is now (it may have changed while the input box was open).
      result = adopt(client);
    } catch (err) {
      if (err instanceof e.AdoptError) {
        void vscode.window.showErrorMessage(e.translator(locale)('adopt.not-adopted', { file: vscode.workspace.asRelativePath(document.uri), detail: err.message }));
        return undefined;
      }
      throw err;
    }
    let applied = false;
    const file = vscode.workspace.asRelativePath(document.uri);
    if (result.changed) {
      const edit = new vscode.WorkspaceEdit();
      for (const x of result.edits) edit.insert(document.uri, document.positionAt(x.offset), x.text);
      applied = await vscode.workspace.applyEdit(edit);
      if (!applied) {
        void vscode.window.showErrorMessage(vscode.l10n.t('Playbook Lint could not change {0}.', file));
        return undefined;
      }
    }
    const summary = e.adoptSummary(result, file, true, locale);
    const report = `${e.formatHeadingTable(result, locale)}\n${summary}\n${e.adoptWarnings(result, linter.options.profile, locale).map((w) => `${w}\n`).join('')}`;
    this.adoptChannel ??= vscode.window.createOutputChannel(vscode.l10n.t('Playbook Lint: Adopt'));
    this.adoptChannel.replace(`${file}\n\n${report}`);
    const show = vscode.l10n.t('Show headings');
    void vscode.window.showInformationMessage(summary, show).then((answer) => { if (answer === show) this.adoptChannel?.show(true); });
    const { changed, clientSource, lang, headings, inserted, skipped, keysAdded, frontmatterAdded } = result;
    return { applied, report, result: { changed, client: result.client, clientSource, lang, headings, inserted, skipped, keysAdded, frontmatterAdded } };
  }

  /** New playbook from a template: pick the template (en/ko), name the client; args skip the questions (tests, other extensions). */
  async newPlaybook(clientArg?: string, langArg?: TemplateLang, target?: vscode.Uri, servicesArg?: string[]): Promise<vscode.Uri | undefined> {
    let lang = langArg;
    if (!lang) {
      const picked = await vscode.window.showQuickPick([
        { label: vscode.l10n.t('Agency onboarding playbook (English)'), description: 'agency.en.md', lang: 'en' as const },
        { label: vscode.l10n.t('Agency onboarding playbook (Korean)'), description: 'agency.ko.md', lang: 'ko' as const },
      ], { title: vscode.l10n.t('New playbook from template'), placeHolder: vscode.l10n.t('Choose a template') });
      if (!picked) return undefined;
      lang = picked.lang;
    }
    const client = (clientArg ?? await vscode.window.showInputBox({
      title: vscode.l10n.t('New playbook from template'), prompt: vscode.l10n.t('Client name'), placeHolder: 'Acme Outdoor Co.',
      validateInput: (v) => (v.trim() ? undefined : vscode.l10n.t('Enter the client name')),
    }))?.trim();
    if (!client) return undefined;
    const template = new TextDecoder().decode(await vscode.workspace.fs.readFile(vscode.Uri.joinPath(this.context.extensionUri, 'templates', `agency.${lang}.md`)));
    // The services pick the template's conditional sections (Ad Accounts for paid search/social); asked only when the client was.
    const services = servicesArg ?? (clientArg !== undefined ? [] : parseServices(await vscode.window.showInputBox({
      title: vscode.l10n.t('New playbook from template'), prompt: vscode.l10n.t('Services, separated by commas (optional)'),
      placeHolder: engine().bundledProfile().field('services')?.knownValues.map((k) => k.value).join(', '),
    }) ?? ''));
    const text = renderTemplate(template, engine().bundledProfile(), { client, account_owner: '', start_date: localDate(), lang }, services);
    let uri = target;
    if (!uri) {
      const folder = vscode.workspace.workspaceFolders?.[0];
      if (!folder) {
        const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: text });
        await vscode.window.showTextDocument(doc);
        return doc.uri;
      }
      const slug = slugify(client);
      uri = vscode.Uri.joinPath(folder.uri, `${slug}.md`);
      for (let n = 2; await exists(uri); n++) uri = vscode.Uri.joinPath(folder.uri, `${slug}-${n}.md`);
    } else if (await exists(uri)) {
      void vscode.window.showErrorMessage(vscode.l10n.t('{0} already exists.', vscode.workspace.asRelativePath(uri)));
      return undefined;
    }
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    await vscode.window.showTextDocument(uri);
    void this.linting.scanWorkspace();
    return uri;
  }

  async lintWorkspace(): Promise<{ files: number; findings: number }> {
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: vscode.l10n.t('Playbook Lint: linting the workspace') },
      () => this.linting.scanWorkspace());
    const entries = this.linting.workspaceEntries();
    const findings = entries.reduce((n, e) => n + e.result.findings.length, 0);
    void vscode.window.setStatusBarMessage(vscode.l10n.t('Playbook Lint: {0} playbooks, {1} findings', entries.length, findings), 5000);
    return { files: entries.length, findings };
  }

  async fixAll(uri?: vscode.Uri): Promise<boolean> {
    const document = uri ? await vscode.workspace.openTextDocument(uri) : vscode.window.activeTextEditor?.document;
    if (!document) return false;
    const result = await this.linting.resultFor(document);
    const edit = result && fixAllEdit(document, result.findings);
    if (!edit) {
      void vscode.window.setStatusBarMessage(vscode.l10n.t('Playbook Lint: nothing to fix'), 3000);
      return false;
    }
    return vscode.workspace.applyEdit(edit);
  }

  /** Open the config that applies to the active file (or the first folder); offer to create one. */
  async openConfig(uri?: vscode.Uri): Promise<vscode.Uri | undefined> {
    const resource = uri ?? vscode.window.activeTextEditor?.document.uri;
    const folder = (resource && vscode.workspace.getWorkspaceFolder(resource)) ?? vscode.workspace.workspaceFolders?.[0];
    const dir = resource && resource.scheme !== 'untitled' ? ConfigStore.dirFor(resource) : folder?.uri;
    let config = dir ? await this.linting.configs.configFileFor(dir) : null;
    if (!config) {
      if (!folder) return undefined;
      const create = vscode.l10n.t('Create {0}', CONFIG_FILE);
      const answer = uri ? create : await vscode.window.showInformationMessage(vscode.l10n.t('No {0} applies here.', CONFIG_FILE), create);
      if (answer !== create) return undefined;
      config = vscode.Uri.joinPath(folder.uri, CONFIG_FILE);
      const text = [
        '// Playbook Lint configuration (JSON with comments).',
        '{',
        '  // Which Markdown files are playbooks; without it, files whose frontmatter has "client".',
        '  // "playbooks": ["clients/**/*.md"],',
        '  "ignores": [],',
        '  // Severity per rule: "off", "info", "warning" or "error".',
        '  "rules": {}',
        '}',
        '',
      ].join('\n');
      await vscode.workspace.fs.writeFile(config, new TextEncoder().encode(text));
      this.linting.configs.clear();
    }
    await vscode.window.showTextDocument(config);
    return config;
  }

  /** Tree inline action: insert a missing section (or key) with the engine's fix, into the document as it is now. */
  async insertMissing(node?: Node): Promise<boolean> {
    if (node?.type !== 'missing') return false;
    const document = await vscode.workspace.openTextDocument(node.entry.uri);
    // Offsets must come from this version of the text: lint it now if the held result is older.
    const result = await this.linting.resultFor(document);
    const finding = result && fixFor({ ...node.entry, result }, node.item);
    if (!finding?.fix) return false;
    const edit = new vscode.WorkspaceEdit();
    const range = offsetRange(document, finding.fix.start, finding.fix.end);
    edit.replace(document.uri, range, finding.fix.text);
    const ok = await vscode.workspace.applyEdit(edit);
    if (ok) {
      const editor = await vscode.window.showTextDocument(document);
      editor.selection = new vscode.Selection(range.start, range.start);
      editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    }
    return ok;
  }
}
