// One place that configures ajv: strict mode, no $data, no remote schemas, formats,
// our annotation keywords, and patterns run by a linear-time engine (re2js) so a
// profile's `pattern` cannot hang the linter (RELIABILITY.md rows 1, 2, 9).
import { Ajv, type Options } from 'ajv';
import addFormatsModule from 'ajv-formats';
import { RE2JS } from 're2js';

// ajv-formats is CommonJS with a default export; ESM interop gives us either shape.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ?? addFormatsModule) as (ajv: Ajv) => Ajv;

/** Annotation keywords a profile may use on top of JSON Schema. */
export const PROFILE_KEYWORDS = ['headings', 'aliases', 'hint', 'why', 'placeholder', 'severity', 'weight', 'extends', 'keywords', 'headingMatch', 'knownValues', 'followUps'] as const;

function re2RegExp(pattern: string, flags: string): { test: (s: string) => boolean; toString: () => string } {
  const re = RE2JS.compile(pattern, flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0);
  // ajv shares compiled patterns by `String(regExp)`: without this every pattern would be "[object Object]",
  // and all of a profile's patterns would run the first one.
  return { test: (s: string) => re.matcher(s).find(), toString: () => `/${pattern}/${flags}` };
}
re2RegExp.code = 'new RegExp';

export function createAjv(options: Options = {}): Ajv {
  const ajv = new Ajv({
    strict: true,
    strictTypes: false,
    strictTuples: false,
    allErrors: true,
    $data: false,
    addUsedSchema: false,
    code: { regExp: re2RegExp as never, ...options.code },
    ...options,
  });
  addFormats(ajv);
  for (const keyword of PROFILE_KEYWORDS) ajv.addKeyword({ keyword, metaSchema: {} });
  return ajv;
}
