// Known token shapes (AWS, GCP, GitHub, Slack, npm, OpenAI, Anthropic, Linear, SendGrid,
// Shopify, 1Password, private key blocks, database connection strings with a password,
// basic-auth URLs) through a kept rule set: secretlint's recommended preset. Its rules
// are created once and their `file` handlers called directly on each text, with a
// context that collects their reports and ignores, as @secretlint/core's lintSource
// would (which builds every rule's context, a source index and a promise chain anew for
// each text). Every rule of the preset reports synchronously (only its `.p12` file check
// reads a file, and a playbook is never a `.p12`). A test holds what is collected here
// equal to what lintSource resolves to on the same texts.
//
// Only the rule id and the range are kept: secretlint's messages quote the token.
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';
import { StructuredSource } from 'structured-source';

// The few shapes of secretlint's rule API used here (its types package is a dependency of
// @secretlint/core, not of this project).
type Range2 = readonly [number, number];
interface Position { line: number; column: number }
interface RuleContext {
  sharedOptions: Record<string, unknown>;
  createTranslator(messages: unknown): (messageId: string, data?: unknown) => { message: string; messageId: string; data?: unknown };
  report(d: { range: Range2 }): void;
  ignore(d: { range: Range2 }): void;
}
interface RuleHandlers { file?(source: RuleSource): unknown }
interface RuleCreator { meta: { id: string; supportedContentTypes: string[] }; create(context: RuleContext, options: unknown): RuleHandlers }
interface PresetContext { sharedOptions: Record<string, unknown>; registerRule(rule: RuleCreator): void }
interface PresetCreator { meta: { id: string }; create(context: PresetContext, options: unknown): void }

export interface TokenHit {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  /** The secretlint rule that found it, without its package prefix: "github", "aws", "privatekey"... */
  kind: string;
}

const PREFIX = '@secretlint/secretlint-rule-';

/** Rule options of the preset, as a secretlint config would give them: AWS access key ids are reported too (a key id in a playbook is a leak on its own). */
const RULE_OPTIONS: Record<string, unknown> = { [`${PREFIX}aws`]: { enableIDScanRule: true } };

/** What secretlint's SourceCode gives a rule: the text, a file name, and line/column conversions (built when first asked). */
class RuleSource {
  readonly filePath = 'playbook.md';
  readonly ext = '.md';
  readonly contentType = 'text';
  private index: StructuredSource | undefined;
  constructor(readonly content: string) {}
  private get lines(): StructuredSource { return (this.index ??= new StructuredSource(this.content)); }
  indexToPosition(index: number): Position { return this.lines.indexToPosition(index); }
  locationToRange(loc: { start: Position; end: Position }): Range2 { return this.lines.locationToRange(loc); }
  rangeToLocation(range: Range2): { start: Position; end: Position } { return this.lines.rangeToLocation([range[0], range[1]]); }
}

interface Collected {
  reports: Array<{ rule: string; range: Range2 }>;
  ignores: Range2[];
}

/** Where the rules report while a text is scanned (one text at a time: the scan is synchronous). */
let sink: Collected | null = null;

/** The preset's rules, created once, in the order it registers them. */
const rules: Array<{ id: string; file: (source: RuleSource) => unknown }> = [];
(recommended as unknown as PresetCreator).create({
  sharedOptions: {},
  registerRule(rule) {
    if (!rule.meta.supportedContentTypes.some((t) => t === 'all' || t === 'text')) return;
    const id = rule.meta.id;
    // Messages are never kept (they quote the token), so the translator only names them.
    const context: RuleContext = {
      sharedOptions: {},
      createTranslator: () => (messageId, data) => ({ message: messageId, messageId, data }),
      report(d) { sink?.reports.push({ rule: id, range: d.range }); },
      ignore(d) { sink?.ignores.push(d.range); },
    };
    const handlers = rule.create(context, RULE_OPTIONS[id] ?? {});
    if (handlers.file) rules.push({ id, file: handlers.file.bind(handlers) });
  },
}, []);

/** Known token shapes in the text (secretlint's recommended preset), synchronously. */
export function scanTokens(text: string): TokenHit[] {
  const collected: Collected = { reports: [], ignores: [] };
  const source = new RuleSource(text);
  sink = collected;
  try {
    for (const rule of rules) {
      const done = rule.file(source);
      // None of them is asynchronous for a .md text; were one to become so, its rejection must not go unhandled.
      if (done instanceof Promise) done.catch(() => undefined);
    }
  } finally {
    sink = null;
  }
  const hits: TokenHit[] = [];
  const seen = new Set<string>();
  for (const r of collected.reports) {
    const [start, end] = r.range;
    // A report inside a range a "secretlint-disable" comment ignores is dropped, as secretlint does.
    if (collected.ignores.some(([a, b]) => a <= start && end <= b)) continue;
    const key = `${r.rule}:${start}:${end}`;
    if (seen.has(key) || !(end > start)) continue;
    seen.add(key);
    hits.push({ start, end, kind: shortId(r.rule) });
  }
  hits.sort((a, b) => a.start - b.start || b.end - a.end);
  return hits;
}

function shortId(ruleId: string): string {
  return ruleId.startsWith(PREFIX) ? ruleId.slice(PREFIX.length) : ruleId;
}
