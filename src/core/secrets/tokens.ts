// Known token shapes (AWS, GCP, GitHub, Slack, npm, OpenAI, Anthropic, Linear, SendGrid,
// Shopify, 1Password, private key blocks, database connection strings with a password,
// basic-auth URLs) through a kept rule set: secretlint's recommended preset, run by
// @secretlint/core's lintSource. The preset's rules report synchronously while lintSource
// runs (only its `.p12` file check is asynchronous, and a playbook is never a `.p12`), so
// each rule's context is wrapped to collect its reports and ignores as they happen: the
// engine's lint stays synchronous. A test compares what is collected here with what
// lintSource resolves to, so a version that stops reporting synchronously fails it.
//
// Only the rule id and the range are kept: secretlint's messages quote the token.
import { lintSource } from '@secretlint/core';
import { creator as recommended } from '@secretlint/secretlint-rule-preset-recommend';

// The few shapes of secretlint's rule API used here (its types package is a dependency of
// @secretlint/core, not of this project).
type Range2 = readonly [number, number];
interface RuleContext { report(d: { range: Range2 }): void; ignore(d: { range: Range2 }): void }
interface RuleCreator { meta: { id: string }; create(context: RuleContext, options: unknown): unknown }
interface PresetContext { registerRule(rule: RuleCreator, defaultValue?: unknown): void }
interface PresetCreator { meta: { id: string }; create(context: PresetContext, options: unknown): void }
type CoreDescriptor = Parameters<typeof lintSource>[0]['options']['config'];

export interface TokenHit {
  /** Offsets into the scanned text. */
  start: number;
  end: number;
  /** The secretlint rule that found it, without its package prefix: "github", "aws", "privatekey"... */
  kind: string;
}

const PREFIX = '@secretlint/secretlint-rule-';

/** Rule options of the preset: AWS access key ids are reported too (a key id in a playbook is a leak on its own). */
const PRESET_RULES = [{ id: `${PREFIX}aws`, options: { enableIDScanRule: true } }];

interface Collected {
  reports: Array<{ rule: string; range: readonly [number, number] }>;
  ignores: Array<readonly [number, number]>;
}

/** The preset with every rule's context wrapped, reporting into `sink.current`. */
function collectingPreset(sink: { current: Collected | null }): PresetCreator {
  const preset = recommended as unknown as PresetCreator;
  return {
    ...preset,
    create(context: PresetContext, options: unknown) {
      const wrapped: PresetContext = {
        ...context,
        registerRule(rule: RuleCreator, defaultValue?: unknown) {
          const id = rule.meta.id;
          const inner: RuleCreator = {
            ...rule,
            create(ruleContext: RuleContext, ruleOptions: unknown) {
              const collecting: RuleContext = {
                ...ruleContext,
                report(d) {
                  sink.current?.reports.push({ rule: id, range: d.range });
                  ruleContext.report(d);
                },
                ignore(d) {
                  sink.current?.ignores.push(d.range);
                  ruleContext.ignore(d);
                },
              };
              return rule.create(collecting, ruleOptions);
            },
          };
          context.registerRule(inner, defaultValue);
        },
      };
      preset.create(wrapped, options);
    },
  };
}

const sink: { current: Collected | null } = { current: null };
const descriptor = {
  rules: [{ id: recommended.meta.id, rule: collectingPreset(sink), rules: PRESET_RULES }],
} as unknown as CoreDescriptor;

/** Run secretlint on the text; returns its promise too (for the test that checks nothing arrives late). */
export function scanTokensWithResult(text: string): { hits: TokenHit[]; result: Promise<Array<{ kind: string; start: number; end: number }>> } {
  const collected: Collected = { reports: [], ignores: [] };
  sink.current = collected;
  let result: Promise<Array<{ kind: string; start: number; end: number }>>;
  try {
    result = lintSource({
      source: { content: text, filePath: 'playbook.md', ext: '.md', contentType: 'text' },
      options: { config: descriptor, noPhysicFilePath: true },
    }).then((r) => r.messages.map((m) => ({ kind: shortId(m.ruleId), start: m.range[0], end: m.range[1] })));
  } finally {
    sink.current = null;
  }
  // Nothing waits for it here: a rejection must not become an unhandled one.
  result.catch(() => undefined);
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
  return { hits, result };
}

/** Known token shapes in the text (secretlint's recommended preset), synchronously. */
export function scanTokens(text: string): TokenHit[] {
  return scanTokensWithResult(text).hits;
}

function shortId(ruleId: string): string {
  return ruleId.startsWith(PREFIX) ? ruleId.slice(PREFIX.length) : ruleId;
}
