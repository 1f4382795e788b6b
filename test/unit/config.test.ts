// The config file (.playbook-lint.jsonc), custom profiles and phrase packs: parseConfig
// validates with line/column errors; setupLinter loads a custom profile and extra packs
// through an in-memory readText (the engine never touches the file system itself).
import { strict as assert } from 'node:assert';
import { ConfigError, parseConfig, setupLinter, type Linter, type PlaybookConfig } from '../../src/core/index.js';
import { configError, memory, readEngineFixture, splitFixture, TODAY } from './helpers.js';

const complete = splitFixture(readEngineFixture('complete.md')).source;

async function setup(config: PlaybookConfig, files: Record<string, string>, trusted = true): Promise<Linter> {
  return setupLinter({ config, configDir: '/repo', readText: memory(files), trusted });
}

function parseError(text: string, file = '/repo/.playbook-lint.jsonc'): ConfigError {
  try {
    parseConfig(text, file);
  } catch (e) {
    assert.ok(e instanceof ConfigError, `expected a ConfigError, got ${String(e)}`);
    return e;
  }
  assert.fail('expected a ConfigError');
}

const CREATIVE_PROFILE = `{
  // A custom profile on top of the bundled one.
  "extends": "agency",
  "properties": {
    "sections": {
      "required": ["creative-brief"],
      "properties": {
        "creative-brief": {
          "type": "object",
          "properties": { "empty": { "const": false } },
          "headings": { "en": "Creative Brief", "ko": "크리에이티브 브리프" },
          "hint": { "en": "the brief for the first campaign." },
          "severity": "error",
          "weight": 1
        }
      }
    }
  }
}
`;

const PACK = `{
  "lang": "en",
  "banned": [
    { "phrase": "circle back", "why": "Corporate filler; say when you will reply.", "suggestion": "reply" }
  ],
  "jargon": []
}
`;

describe('configuration', () => {
  describe('parseConfig', () => {
    it('accepts a good JSONC config with comments and trailing commas', () => {
      const config = parseConfig(`// Playbook Lint settings
{
  /* which files are playbooks */
  "playbooks": ["clients/**/*.md"],
  "ignores": ["archive/**"],
  "rules": { "jargon": "off", "vague-goal": "error", }, // trailing comma
  "phrasePacks": ["packs/house.json"],
  "profile": "profiles/creative.json",
  "lang": "ko",
}
`, '/repo/.playbook-lint.jsonc');
      assert.deepEqual(JSON.parse(JSON.stringify(config)), {
        playbooks: ['clients/**/*.md'], ignores: ['archive/**'], rules: { jargon: 'off', 'vague-goal': 'error' },
        phrasePacks: ['packs/house.json'], profile: 'profiles/creative.json', lang: 'ko',
      });
      assert.deepEqual({ ...parseConfig('{}', 'x') }, {});
    });

    it('rejects an unknown key at the key, naming it', () => {
      const e = parseError('{\n  "rules": {},\n  "playbook": ["*.md"]\n}\n');
      assert.equal(e.file, '/repo/.playbook-lint.jsonc');
      assert.deepEqual([e.line, e.column], [3, 3]);
      assert.match(e.detail, /playbook/);
      assert.match(e.message, /^\/repo\/\.playbook-lint\.jsonc:3:3: /);
    });

    it('rejects a bad severity at the rule, listing the allowed values', () => {
      const e = parseError('{\n  "rules": {\n    "jargon": "loud"\n  }\n}\n');
      assert.deepEqual([e.line, e.column], [3, 5]);
      assert.match(e.detail, /jargon/);
      assert.match(e.detail, /"off", "info", "warning", "error"|off.*info.*warning.*error/);
    });

    it('rejects an unknown rule id and a wrong type', () => {
      const unknown = parseError('{ "rules": { "banned-phrases": "off" } }');
      assert.deepEqual([unknown.line, unknown.column], [1, 14]);
      assert.match(unknown.detail, /banned-phrases/);
      const type = parseError('{\n  "playbooks": "clients/*.md"\n}');
      assert.deepEqual([type.line, type.column], [2, 3]);
      assert.match(type.detail, /playbooks/);
      const lang = parseError('{ "lang": "fr" }');
      assert.match(lang.detail, /lang/);
    });

    it('reports a JSON syntax error with its line and column', () => {
      const e = parseError('{\n  "rules": {\n    "jargon": "off"\n  \n  "lang": "en"\n}\n');
      assert.deepEqual([e.line, e.column], [5, 3]);
      assert.match(e.detail, /invalid JSON/);
    });
  });

  describe('setupLinter', () => {
    it('with no profile or packs, lints like the bundled linter', async () => {
      const linter = await setup({}, {});
      const r = linter.lint(complete, { today: TODAY });
      assert.deepEqual(r.findings, []);
      assert.equal(r.completeness.score, 100);
    });

    it('a custom profile that extends "agency" adds a required section; its absence is reported', async () => {
      const linter = await setup({ profile: 'profiles/creative.json' }, { '/repo/profiles/creative.json': CREATIVE_PROFILE });
      const r = linter.lint(complete, { today: TODAY });
      assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.severity} ${f.data?.id}`), ['required-section error creative-brief']);
      assert.match(r.findings[0]!.message, /Creative Brief/);
      // Everything the bundled profile requires still counts, plus the new section (weight 1): 30 / 31.
      assert.equal(r.completeness.score, 96);
      assert.deepEqual(r.completeness.missing.map((m) => `${m.kind}:${m.id}`), ['section:creative-brief']);
      // With the section written, nothing is missing.
      const written = complete.replace('## Follow-ups', '## Creative Brief\n\nA spring campaign for the new bikes.\n\n## Follow-ups');
      const ok = linter.lint(written, { today: TODAY });
      assert.deepEqual(ok.findings, []);
      assert.equal(ok.completeness.score, 100);
      // The bundled requirements are kept: dropping Contacts is still reported.
      const noContacts = written.replace('## Contacts\n', '## Other people\n');
      assert.ok(linter.lint(noContacts).findings.some((f) => f.ruleId === 'required-section' && f.data?.id === 'contacts'));
    });

    it('a custom phrase pack adds a banned phrase (with its fix)', async () => {
      const linter = await setup({ phrasePacks: ['packs/house.json'] }, { '/repo/packs/house.json': PACK });
      const text = complete.replace('Dana approves every landing page.', 'Dana approves every landing page. We will circle back on Friday.');
      const f = linter.lint(text, { today: TODAY }).findings;
      assert.deepEqual(f.map((x) => `${x.ruleId} ${x.line}`), ['banned-phrase 36']);
      assert.match(f[0]!.message, /circle back/);
      assert.match(f[0]!.message, /Corporate filler/);
      assert.equal(f[0]!.fix?.text, 'reply');
      // The bundled phrases still apply.
      assert.ok(linter.lint(text.replace('We will', 'To be honest, we will')).findings.some((x) => /honest/i.test(x.message)));
    });

    it('applies rule settings and the default language', async () => {
      const linter = await setup({ rules: { 'banned-phrase': 'off', jargon: 'error' }, lang: 'ko' }, {});
      const text = complete.replace('lang: en\n', '').replace('Dana approves every landing page.', 'I think 솔직히 말하면 KPI를 봅니다.');
      const f = linter.lint(text, { today: TODAY }).findings;
      // lang defaults to ko: the Korean packs apply (banned-phrase is off), KPI is jargon at error.
      assert.deepEqual(f.map((x) => `${x.ruleId} ${x.severity}`), ['jargon error']);
    });

    it('in an untrusted workspace, ignores the custom profile and packs', async () => {
      const linter = await setup({ profile: 'profiles/creative.json', phrasePacks: ['packs/house.json'] },
        { '/repo/profiles/creative.json': CREATIVE_PROFILE, '/repo/packs/house.json': PACK }, false);
      const text = complete.replace('Dana approves every landing page.', 'We will circle back.');
      assert.deepEqual(linter.lint(text, { today: TODAY }).findings, []);
    });

    it('a custom profile with a JSON syntax error is a ConfigError naming the file and position', async () => {
      const broken = '{\n  "extends": "agency",\n  "properties": {\n    "sections": { "required": ["x"] \n  }\n';
      const e = await configError(setup({ profile: 'profiles/broken.json' }, { '/repo/profiles/broken.json': broken }));
      assert.equal(e.file, '/repo/profiles/broken.json');
      assert.equal(e.line, 6);
      assert.match(e.detail, /invalid JSON/);
    });

    it('a custom profile with a misspelt keyword is a ConfigError at that keyword', async () => {
      const typo = '{\n  "extends": "agency",\n  "properties": {\n    "sections": {\n      "requird": ["creative-brief"]\n    }\n  }\n}\n';
      const e = await configError(setup({ profile: 'p.json' }, { '/repo/p.json': typo }));
      assert.equal(e.file, '/repo/p.json');
      assert.deepEqual([e.line, e.column], [5, 7]);
      assert.match(e.detail, /requird/);
    });

    it('a custom profile with a remote $ref or a __proto__ key is a ConfigError', async () => {
      const remote = '{\n  "extends": "agency",\n  "properties": { "frontmatter": { "properties": { "client": { "$ref": "https://example.com/s.json" } } } }\n}\n';
      const r = await configError(setup({ profile: 'p.json' }, { '/repo/p.json': remote }));
      assert.equal(r.line, 3);
      assert.match(r.detail, /unresolved reference/);
      const proto = '{\n  "extends": "agency",\n  "properties": { "frontmatter": { "properties": { "__proto__": { "polluted": true } } } }\n}\n';
      const p = await configError(setup({ profile: 'p.json' }, { '/repo/p.json': proto }));
      assert.deepEqual([p.line, p.column], [3, 52]);
      assert.match(p.detail, /__proto__/);
      assert.equal(({} as Record<string, unknown>)['polluted'], undefined);
    });

    it('a missing profile or pack file is a ConfigError naming it', async () => {
      const e = await configError(setup({ profile: '../elsewhere/p.json' }, {}));
      assert.equal(e.file, '/elsewhere/p.json');
      assert.deepEqual([e.line, e.column], [1, 1]);
      const pack = await configError(setup({ phrasePacks: ['packs/none.json'] }, {}));
      assert.equal(pack.file, '/repo/packs/none.json');
    });

    it('a broken phrase pack is a ConfigError at the bad entry', async () => {
      const bad = '{\n  "lang": "en",\n  "banned": [\n    { "phrase": "circle back", "why": "filler" },\n    { "phrase": "", "why": "empty" }\n  ]\n}\n';
      const e = await configError(setup({ phrasePacks: ['p.json'] }, { '/repo/p.json': bad }));
      assert.equal(e.file, '/repo/p.json');
      assert.deepEqual([e.line, e.column], [5, 5]);
      const lang = await configError(setup({ phrasePacks: ['p.json'] }, { '/repo/p.json': '{ "lang": "fr", "banned": [] }' }));
      assert.match(lang.detail, /lang/);
    });
  });
});
