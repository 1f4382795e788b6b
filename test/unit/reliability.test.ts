// RELIABILITY.md, the engine's rows: 1 (hostile schemas), 2 (remote $ref), 3 (no eval),
// 4 (YAML bombs and deep nesting), 5 (YAML surprises), 6 (__proto__ in frontmatter),
// 9 (ReDoS in a profile's pattern), 12 (fixes that lose data, strict UTF-8).
// Where the row names a time, the test only needs the work to finish under the generous
// mocha timeout set here: a hang fails, a slow machine does not.
import { strict as assert } from 'node:assert';
import {
  applyFixes, bundledPacks, bundledProfile, createLinter, createProfile, customProfile, decodeUtf8, ProfileError, unreadableResult,
  type Finding, type LintResult,
} from '../../src/core/index.js';
import { bomCrlfTwin, lint, readEngineFixture, spliceFixes, splitFixture, withEol } from './helpers.js';

const HANG_TIMEOUT = 20_000;

const complete = splitFixture(readEngineFixture('complete.md')).source;
const frontmatterEnd = complete.indexOf('\n---\n', 4) + 1; // offset of the closing fence

/** The complete fixture with extra YAML lines added at the end of its frontmatter. */
function withFrontmatter(extra: string): string {
  return complete.slice(0, frontmatterEnd) + extra + complete.slice(frontmatterEnd);
}

const fm = (r: LintResult): Finding[] => r.findings.filter((f) => f.ruleId === 'frontmatter-schema');

/** Builds { properties: { a: { properties: { a: ... } } } } `depth` levels deep, iteratively. */
function deepSchema(depth: number): Record<string, unknown> {
  let node: Record<string, unknown> = { type: 'string' };
  for (let i = 0; i < depth; i++) node = { type: 'object', properties: { a: node } };
  return node;
}

function assertNotPolluted(): void {
  assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
  assert.equal((Object.prototype as Record<string, unknown>)['polluted'], undefined);
}

describe('reliability (RELIABILITY.md rows 1-6, 9, 12)', function () {
  this.timeout(HANG_TIMEOUT);

  describe('row 1: a workspace schema is code', () => {
    it('refuses a 10,000-deep schema with a ProfileError, before ajv compiles it', () => {
      assert.throws(() => createProfile(deepSchema(10_000), { source: 'deep.json' }),
        (e: unknown) => e instanceof ProfileError && /nested deeper/.test(e.message) && e.source === 'deep.json');
      assert.throws(() => customProfile({ extends: 'agency', properties: { frontmatter: deepSchema(10_000) } }, 'deep.json'), ProfileError);
    });

    it('refuses a 10,000-deep schema that arrives as JSON text', () => {
      const text = '{"properties":{"a":'.repeat(10_000) + '{}' + '}}'.repeat(10_000);
      assert.throws(() => customProfile(JSON.parse(text) as Record<string, unknown>, 'deep.json'), ProfileError);
    });

    it('refuses __proto__ (and constructor/prototype) keys and pollutes nothing', () => {
      const hostile = [
        '{"type":"object","properties":{"__proto__":{"polluted":true}}}',
        '{"type":"object","__proto__":{"polluted":true}}',
        '{"extends":"agency","properties":{"frontmatter":{"properties":{"constructor":{"prototype":{"polluted":true}}}}}}',
      ];
      for (const text of hostile) {
        const schema = JSON.parse(text) as Record<string, unknown>;
        assert.throws(() => customProfile(schema, 'hostile.json'), (e: unknown) => e instanceof ProfileError && /not allowed/.test(e.message), text);
        assertNotPolluted();
      }
    });

    it('reports a misspelt keyword (strict mode)', () => {
      assert.throws(() => customProfile({ type: 'object', properties: { frontmatter: { type: 'object', requird: ['client'] } } }, 'typo.json'),
        (e: unknown) => e instanceof ProfileError && /requird/.test(e.message));
      assert.throws(() => customProfile({ extends: 'agency', properties: { sections: { requird: ['pricing'] } } }, 'typo.json'),
        (e: unknown) => e instanceof ProfileError && /requird/.test(e.message));
    });

    it('refuses a schema over the size cap', () => {
      const huge = { type: 'object', description: 'x'.repeat(2 * 1024 * 1024) };
      assert.throws(() => customProfile(huge, 'huge.json'), (e: unknown) => e instanceof ProfileError && /larger/.test(e.message));
    });
  });

  describe('row 2: remote $ref', () => {
    it('gives "unresolved reference" for a remote or relative $ref and fetches nothing', () => {
      const realFetch = globalThis.fetch;
      let calls = 0;
      globalThis.fetch = (() => { calls++; throw new Error('network'); }) as typeof fetch;
      try {
        for (const ref of ['https://example.com/schema.json', 'http://127.0.0.1:1/x.json#/a', 'other.json#/definitions/x']) {
          const schema = { extends: 'agency', properties: { frontmatter: { properties: { client: { $ref: ref } } } } };
          assert.throws(() => customProfile(schema, 'remote.json'),
            (e: unknown) => e instanceof ProfileError && /unresolved reference/.test(e.message) && e.message.includes(ref), ref);
        }
        assert.throws(() => customProfile({ type: 'object', properties: { a: { $ref: '#/definitions/missing' } } }, 'local.json'),
          (e: unknown) => e instanceof ProfileError && /unresolved reference/.test(e.message));
      } finally {
        globalThis.fetch = realFetch;
      }
      assert.equal(calls, 0);
    });
  });

  describe('row 3: no eval (a web extension under a strict CSP)', () => {
    it('runs the built-in checks with Function and eval stubbed to throw (bundled profile precompiled)', () => {
      const source = splitFixture(readEngineFixture('frontmatter-values.md')).source;
      const expected = lint(source).findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`);
      const g = globalThis as unknown as Record<string, unknown>;
      const realFunction = g['Function'];
      const realEval = g['eval'];
      const forbidden = function () { throw new EvalError('Function and eval are forbidden here (CSP)'); };
      g['Function'] = forbidden;
      g['eval'] = forbidden;
      try {
        // The stub is in force: compiling a custom schema with ajv needs `new Function` (ajv logs the failure: keep it quiet).
        const realError = console.error;
        console.error = () => {};
        try {
          assert.throws(() => customProfile({ type: 'object' }, 'custom.json'));
        } finally {
          console.error = realError;
        }
        const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
        const got = linter.lint(source, { today: '2026-11-25' }).findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.message}`);
        assert.deepEqual(got, expected);
        assert.ok(got.length > 5);
      } finally {
        g['Function'] = realFunction;
        g['eval'] = realEval;
      }
      assert.equal(typeof new Function('return 1'), 'function');
    });
  });

  describe('row 4: YAML bombs, deep nesting, huge frontmatter', () => {
    it('a billion-laughs frontmatter gives one finding: aliases are refused, nothing expands', () => {
      let bomb = 'lol: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      let prev = 'a';
      for (const k of 'bcdefghi') {
        bomb += `${k}: &${k} [${Array(9).fill(`*${prev}`).join(',')}]\n`;
        prev = k;
      }
      const r = lint(withFrontmatter(bomb));
      const f = fm(r);
      assert.equal(f.length, 1, f.map((x) => x.message).join('\n'));
      assert.match(f[0]!.message, /alias/i);
      assert.equal(f[0]!.line, 13, 'at the first alias');
      assert.ok(JSON.stringify(r.model).length < 10_000, 'the model did not expand');
      assert.equal(r.client, 'Northwind Bikes', 'the rest of the frontmatter is still read');
    });

    it('5,000 nested "[" (open or closed) and 5,000 nested maps give one finding, no crash', () => {
      for (const value of ['['.repeat(5000), '['.repeat(5000) + ']'.repeat(5000), '{a: '.repeat(5000) + '1' + '}'.repeat(5000)]) {
        const r = lint(withFrontmatter(`deep: ${value}\n`));
        const f = fm(r);
        assert.equal(f.length, 1, f.slice(0, 3).map((x) => x.message).join('\n'));
        assert.equal(f[0]!.severity, 'error');
        assert.equal(f[0]!.line, 12, 'on the line of the deep value');
        assert.equal(r.client, null, 'an unreadable frontmatter has no client');
      }
      // The next file is linted as usual.
      assert.equal(lint(complete).findings.length, 0);
    });

    it('nesting that YAML reads but the schema cannot use (65+ levels) is a finding', () => {
      const r = lint(withFrontmatter(`deep: ${'['.repeat(100)}${']'.repeat(100)}\n`));
      assert.equal(fm(r).length, 1);
    });

    it('a frontmatter over the size cap is one finding, not a parse', () => {
      const r = lint(withFrontmatter(`notes: "${'x'.repeat(300 * 1024)}"\n`));
      const f = fm(r);
      assert.equal(f.length, 1);
      assert.match(f[0]!.message, /larger than/);
      assert.equal(f[0]!.line, 2);
    });

    it('deeply nested Markdown (5,000 "[", block quotes) lints without a stack overflow', () => {
      for (const body of ['['.repeat(5000), '> '.repeat(5000) + 'I think so', '*'.repeat(5000) + 'x' + '*'.repeat(5000), '<'.repeat(5000)]) {
        const r = lint(`${complete}\n${body}\n`);
        assert.ok(Array.isArray(r.findings));
      }
    });
  });

  describe('row 5: YAML surprises', () => {
    it('reports a duplicate key; the first value wins', () => {
      const r = lint(withFrontmatter('status: active\n'));
      const f = fm(r);
      assert.equal(f.length, 1);
      // The whole repeated key is underlined, and the message says which value counts.
      assert.deepEqual([f[0]!.line, f[0]!.column, f[0]!.endLine, f[0]!.endColumn], [12, 1, 12, 7]);
      assert.match(f[0]!.message, /"status" appears more than once; the first value is used/);
      assert.equal(r.model.frontmatter?.['status'], 'draft');
    });

    it('reads YAML 1.2: no/yes/on/off stay strings, and a %YAML 1.1 directive cannot switch that', () => {
      const r = lint(withFrontmatter('active: no\nflag: yes\npower: off\nlight: on\ncountry: NO\n'));
      const data = r.model.frontmatter!;
      assert.deepEqual([data['active'], data['flag'], data['power'], data['light'], data['country']], ['no', 'yes', 'off', 'on', 'NO']);
      assert.equal(fm(r).length, 0);
      const directive = complete.replace('---\n', '---\n%YAML 1.1\n') .replace('lang: en\n', 'lang: en\nactive: no\n');
      const d = lint(directive);
      assert.notEqual(d.model.frontmatter?.['active'], false);
      assert.ok(fm(d).length >= 1);
    });

    it('no merge keys: "<<" is an ordinary key', () => {
      const r = lint(withFrontmatter('<<: {status: active}\n'));
      assert.equal(r.model.frontmatter?.['status'], 'draft');
    });

    it('exotic tags (!!set, !!binary, !!omap, !!timestamp, js/function, local) are findings, not crashes', () => {
      for (const tag of ['!!binary aGVsbG8=', '!!set {a, b}', '!!omap [a: 1]', '!!timestamp 2001-12-14', '!<tag:yaml.org,2002:js/function> "x"', '!foo bar']) {
        const r = lint(complete.replace('client: "Northwind Bikes"', `client: ${tag}`));
        const f = fm(r);
        assert.ok(f.some((x) => x.severity === 'error' && x.line === 2 && /client/.test(x.message)), `${tag}: client is not text`);
        assert.ok(f.some((x) => /tag/.test(x.message)), `${tag}: the tag is named`);
        assert.equal(r.client, null);
      }
    });
  });

  describe('row 6: __proto__ in frontmatter', () => {
    it('leaves Object.prototype alone and keeps the key as data', () => {
      const r = lint(withFrontmatter('__proto__: {polluted: true}\nconstructor: {prototype: {polluted: true}}\nnested: {__proto__: {polluted: true}}\n'));
      assertNotPolluted();
      const data = r.model.frontmatter!;
      assert.equal(Object.getPrototypeOf(data), null);
      assert.ok(Object.prototype.hasOwnProperty.call(data, '__proto__'));
      assert.deepEqual(JSON.parse(JSON.stringify(data['__proto__'])), { polluted: true });
      assert.equal(r.client, 'Northwind Bikes');
      // Copies made by adapters (JSON round trip, spread) do not pollute either.
      const copy = JSON.parse(JSON.stringify(r)) as LintResult;
      void { ...copy.model.frontmatter };
      assertNotPolluted();
    });
  });

  describe('row 9: ReDoS in a custom profile\'s pattern', () => {
    it('"(a+)+$" on 50 "a" and "!" finishes (linear-time engine)', () => {
      const profile = customProfile({ extends: 'agency', properties: { frontmatter: { properties: { client: { type: 'string', pattern: '(a+)+$' } } } } }, 'redos.json');
      const linter = createLinter({ profile, packs: bundledPacks() });
      const r = linter.lint(complete.replace('client: "Northwind Bikes"', `client: "${'a'.repeat(50)}!"`), { today: '2026-11-25' });
      const f = fm(r);
      assert.equal(f.length, 1);
      assert.equal(f[0]!.line, 2);
      assert.equal(fm(linter.lint(complete.replace('client: "Northwind Bikes"', 'client: "aaaa"'))).length, 0);
    });

    it('each pattern of a custom profile runs its own expression (not the first one compiled)', () => {
      const profile = customProfile({ extends: 'agency', properties: { frontmatter: { properties: {
        client: { type: 'string', pattern: '^N' }, account_owner: { type: 'string', pattern: '^P' } } } } }, 'patterns.json');
      const linter = createLinter({ profile, packs: bundledPacks() });
      assert.deepEqual(fm(linter.lint(complete)), [], 'client "Northwind Bikes", owner "Priya Shah" and lang "en" all match');
      const bad = linter.lint(complete.replace('account_owner: "Priya Shah"', 'account_owner: "Nina Shah"'));
      assert.deepEqual(fm(bad).map((f) => f.line), [3]);
    });
  });

  describe('row 12: fixes that lose data', () => {
    const fixtures = ['missing-sections.md', 'frontmatter-values.md', 'frontmatter-missing.md', 'phrases.md', 'jargon.md', 'korean.md', 'no-sections.md'];
    const variants: Array<[string, (lf: string) => string, string]> = [
      ['LF', (t) => t, '\n'],
      ['CRLF', (t) => withEol(t, '\r\n'), '\r\n'],
      ['BOM + CRLF', (t) => bomCrlfTwin(t), '\r\n'],
      ['CR', (t) => withEol(t, '\r'), '\r'],
      // Mixed: CRLF first (so the file's line ending is CRLF), LF and CR later.
      ['mixed', (t) => t.split('\n').map((line, i) => line + (i % 3 === 0 ? '\r\n' : i % 3 === 1 ? '\n' : '\r')).join('').slice(0, -1), '\r\n'],
    ];

    for (const name of fixtures) {
      for (const [label, make, eol] of variants) {
        it(`${name}, ${label}: bytes outside the edits are unchanged; inserted text uses the file's line ending`, () => {
          const original = make(splitFixture(readEngineFixture(name)).source);
          const findings = lint(original).findings;
          const fixes = findings.flatMap((f) => (f.fix ? [f.fix] : []));
          assert.ok(fixes.length > 0, 'the fixture has fixes');
          const fixed = applyFixes(original, findings);
          // Byte for byte: the original's bytes with the edits spliced in at their ranges.
          assert.ok(Buffer.from(fixed, 'utf8').equals(Buffer.from(spliceFixes(original, fixes), 'utf8')));
          assert.equal(fixed.charCodeAt(0) === 0xfeff, original.charCodeAt(0) === 0xfeff, 'BOM kept');
          for (const fix of fixes) {
            const endings = fix.text.match(/\r\n|\r|\n/g) ?? [];
            assert.ok(endings.every((e) => e === eol), `${JSON.stringify(fix.text.slice(0, 60))} uses ${JSON.stringify(eol)}`);
          }
          // The fixed file re-lints with the same line ending and nothing fixable is left.
          assert.deepEqual(lint(fixed).findings.filter((f) => f.fix).map((f) => `${f.ruleId} ${f.line}`), []);
          assert.equal(applyFixes(fixed, lint(fixed).findings), fixed);
        });
      }
    }

    it('decodeUtf8 refuses Latin-1 and UTF-16; keeps a UTF-8 BOM; caps the size', () => {
      const latin1 = Buffer.from('client: Café\n', 'latin1');
      const l1 = decodeUtf8(latin1);
      assert.deepEqual(l1, { ok: false, reason: 'not-utf8', byte: 12 });
      const utf16le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('client: Acme\n', 'utf16le')]);
      assert.equal(decodeUtf8(utf16le).ok, false);
      assert.equal((decodeUtf8(utf16le) as { reason: string }).reason, 'binary');
      const utf16be = Buffer.from(Buffer.from('client: Acme\n', 'utf16le').map((_, i, b) => b[i ^ 1]!));
      assert.equal((decodeUtf8(utf16be) as { reason: string }).reason, 'binary');
      assert.equal((decodeUtf8(Buffer.from([0xff, 0xfe, 0x41])) as { reason: string }).reason, 'not-utf8');
      assert.equal((decodeUtf8(Buffer.from([0xed, 0xa0, 0x80])) as { reason: string }).reason, 'not-utf8', 'an encoded surrogate is not UTF-8');
      assert.equal((decodeUtf8(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d])) as { reason: string }).reason, 'binary');
      const bom = decodeUtf8(Buffer.from('\uFEFFclient: 한빛\r\n', 'utf8'));
      assert.deepEqual(bom, { ok: true, text: '\uFEFFclient: 한빛\r\n' });
      assert.deepEqual(decodeUtf8(Buffer.alloc(11, 0x61), 10), { ok: false, reason: 'too-large' });
    });

    it('a file that cannot be read gets one file-unreadable finding and no fix', () => {
      const r = unreadableResult('not UTF-8 (byte 12)');
      assert.equal(r.findings.length, 1);
      assert.equal(r.findings[0]!.ruleId, 'file-unreadable');
      assert.equal(r.findings[0]!.severity, 'error');
      assert.equal(r.findings[0]!.fixable, false);
      assert.equal(r.findings[0]!.fix, undefined);
      assert.match(r.findings[0]!.message, /byte 12/);
    });
  });
});
