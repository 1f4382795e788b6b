// The engine's entry point: text and settings in, findings and completeness out.
// Pure: no file system, no VS Code, so it runs in the CLI, workers and the browser.
import { computeCompleteness } from './completeness.js';
import { controlFilter } from './controls.js';
import { translator } from './messages/index.js';
import { parseDocument } from './parse/document.js';
import { refusal } from './parse/hostile.js';
import { compileLanguage, normalizePhrase, type PhraseMatcher } from './phrases/matcher.js';
import type { Profile } from './profile/profile.js';
import { FILE_UNREADABLE, ruleUrl, rules, type RuleContext } from './rules/index.js';
import type { Report } from './rules/rule.js';
import type { Finding, Lang, LintResult, Locale, PhrasePack, SeveritySetting } from './types.js';
import { agendaItems, readAgenda } from './tasks.js';
import { localDate } from './template.js';
import { compileSecretFields, type FieldMatcher } from './secrets/fields.js';
import { redactSecrets } from './secrets/redact.js';
import { SECRET_RULE_ID } from './rules/ids.js';

export interface LinterOptions {
  profile: Profile;
  /** Phrase packs: the bundled ones plus any extra; a file uses those of its language. */
  packs: PhrasePack[];
  /** Per-rule severity overrides from the config. */
  rules?: Record<string, SeveritySetting>;
  locale?: Locale;
  /** Language of files without `lang` in their frontmatter. */
  defaultLang?: Lang;
  /** Acronyms every client of this team knows, on top of the packs' lists (config "knownAcronyms"). */
  knownAcronyms?: string[];
}

export interface LintCallOptions {
  /** Today's date (YYYY-MM-DD) for overdue tasks and follow-ups; defaults to the clock. */
  today?: string;
}

export interface Linter {
  lint(text: string, call?: LintCallOptions): LintResult;
  options: LinterOptions;
}

const SEVERITY_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function createLinter(options: LinterOptions): Linter {
  const matchers = new Map<Lang, { banned: PhraseMatcher; jargon: PhraseMatcher }>();
  const matchersFor = (lang: Lang) => {
    let m = matchers.get(lang);
    if (!m) {
      m = compileLanguage(options.packs, lang, options.knownAcronyms);
      matchers.set(lang, m);
    }
    return m;
  };
  // The password fields, compiled once per linter and language (bundled packs: once per process).
  const secretFields = new Map<Lang, FieldMatcher | null>();
  const secretFieldsFor = (lang: Lang): FieldMatcher | null => {
    if (!secretFields.has(lang)) secretFields.set(lang, compileSecretFields(options.packs, lang));
    return secretFields.get(lang)!;
  };
  const t = translator(options.locale ?? 'en');
  const settings = options.rules ?? {};
  const profile = options.profile;

  return {
    options,
    lint(text: string, call: LintCallOptions = {}): LintResult {
      const today = call.today ?? localDate();
      // Nesting hundreds of levels deep, emphasis markers or link brackets by the thousand in
      // one paragraph, crowded containers: the Markdown parser would take minutes, so one finding instead.
      const refused = refusal(text, t);
      if (refused) return unreadableResult(refused, options.locale ?? 'en', settings['file-unreadable'] ?? 'error');
      const doc = parseDocument(text, profile, options.defaultLang ?? 'en');
      const valid = profile.validate(doc.model);
      // A block that is there but unreadable is reported by its YAML errors, not as "missing".
      const schemaErrors = (valid ? [] : [...(profile.validate.errors ?? [])]).filter((e) =>
        !(doc.frontmatter && e.instancePath === '' && e.keyword === 'required'));
      const conditions = profile.conditions.length ? profile.activeConditions(doc.model) : [];
      const enabled = controlFilter(doc);
      const findings: Finding[] = [];
      // Each finding's offsets, in the same order (the secret rule's ranges are kept out of the others).
      const spans: Array<readonly [number, number]> = [];
      const occurrences = new Map<string, number>();
      const { banned, jargon } = matchersFor(doc.lang);
      const agenda = readAgenda(doc, profile, today);

      for (const rule of rules) {
        const setting = settings[rule.id];
        if (setting === 'off') continue;
        const report = (r: Report): void => {
          if (!enabled(rule.id, r.start)) return;
          const section = r.section !== undefined ? r.section : doc.sectionAt(r.start);
          const base = `${rule.id}:${section ?? '-'}:${normalizePhrase(r.keyText)}`;
          const n = (occurrences.get(base) ?? 0) + 1;
          occurrences.set(base, n);
          const finding: Finding = {
            ruleId: rule.id,
            severity: setting ?? r.severity ?? rule.defaultSeverity,
            message: r.message,
            ...doc.index.range(r.start, r.end),
            fixable: r.fix !== undefined,
            section,
            key: n > 1 ? `${base}#${n}` : base,
            url: ruleUrl(rule.id),
          };
          if (r.fix) finding.fix = r.fix;
          if (r.related) finding.related = r.related.map((x) => ({ ...doc.index.range(x.start, x.end), message: x.message }));
          if (r.data) finding.data = r.data;
          findings.push(finding);
          spans.push([r.start, r.end]);
        };
        const context: RuleContext = { doc, profile, lang: doc.lang, locale: options.locale ?? 'en', t, schemaErrors, conditions, banned, jargon, today, agenda,
          secretFields: rule.id === SECRET_RULE_ID ? secretFieldsFor(doc.lang) : null, report };
        rule.run(context);
      }
      const completeness = computeCompleteness(doc, profile, schemaErrors, t, today, conditions, agenda);
      const tasks = agendaItems(agenda, doc.model.frontmatter);
      const kept = redactSecrets(doc.text, findings, spans, completeness, SECRET_RULE_ID, tasks);
      kept.sort((a, b) => a.line - b.line || a.column - b.column || SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
      const client = typeof doc.model.frontmatter?.['client'] === 'string' ? (doc.model.frontmatter['client'] as string) : null;
      const owner = typeof doc.model.frontmatter?.['account_owner'] === 'string' ? (doc.model.frontmatter['account_owner'] as string).trim() || null : null;
      return { client, owner, lang: doc.lang, completeness, findings: kept, model: doc.model, tasks };
    },
  };
}

/** The result for a file that could not be read as text: one `file-unreadable` finding, nothing else. */
export function unreadableResult(detail: string, locale: Locale = 'en', severity: SeveritySetting = 'error'): LintResult {
  const t = translator(locale);
  const findings: Finding[] = severity === 'off' ? [] : [{
    ruleId: FILE_UNREADABLE.id, severity, message: t('file.unreadable', { detail }),
    line: 1, column: 1, endLine: 1, endColumn: 1, fixable: false, section: null,
    key: `${FILE_UNREADABLE.id}:-:file`, url: ruleUrl(FILE_UNREADABLE.id),
  }];
  return { client: null, lang: 'en', completeness: { score: 0, missing: [] }, findings,
    model: { title: null, lang: 'en', sections: {} } };
}

/** The result for a file given up after `budgetMs`: one file-unreadable finding naming the limit and `setting` (how to change it). */
export function overBudgetResult(budgetMs: number, setting: string, locale: Locale = 'en', severity: SeveritySetting = 'error'): LintResult {
  const seconds = Math.round(budgetMs / 100) / 10;
  return unreadableResult(translator(locale)('file.budget', { seconds, setting }), locale, severity);
}
