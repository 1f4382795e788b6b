// Requirements that depend on the client (issue #11): `services` in the frontmatter,
// normalised through the profile's knownValues, turns on if/then branches of the
// profile. The engine fixtures services-*.md hold the positions; these tests hold
// the rest: each known service, "no services lints as before", the reason in both
// languages and where it points, the fixes, custom profiles with their own if/then,
// broken if/then as configuration errors with their position, and the template.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyFixes, bundledPacks, bundledProfile, createLinter, normalizeValue, setupLinter, type Linter, type LintResult,
} from '../../src/core/index.js';
import { selectTemplateBlocks } from '../../src/core/template.js';
import { validate as validateProfileFile } from '../../src/generated/profile-meta-validate.js';
import { configError, lint, memory, readEngineFixture, ROOT, splitFixture, TODAY } from './helpers.js';

const complete = splitFixture(readEngineFixture('complete.md')).source;
const korean = splitFixture(readEngineFixture('korean.md')).source;

/** The complete playbook with one more frontmatter line (so every variant has the same line numbers). */
const withLine = (text: string, line: string) => text.replace(/\nlang: /, `\n${line}\nlang: `);
const withoutSection = (text: string, heading: string) => {
  const i = text.indexOf(`\n## ${heading}\n`);
  const j = text.indexOf('\n## ', i + 1);
  return text.slice(0, i + 1) + text.slice(j + 1);
};
const summary = (r: LintResult) => ({
  findings: r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.severity} ${f.message}`),
  completeness: r.completeness,
});

describe('services: conditional requirements of the bundled profile', () => {
  const base = withoutSection(complete, 'Baseline Data');
  const none = summary(lint(withLine(base, 'tools: []')));

  it('normalises values as people write them and resolves the profile\'s aliases', () => {
    assert.equal(normalizeValue('Paid Social'), 'paid-social');
    assert.equal(normalizeValue('  paid_social '), 'paid-social');
    assert.equal(normalizeValue('PAID  --  SOCIAL'), 'paid-social');
    const r = lint(withLine(complete, 'services: ["Facebook Ads", PPC, 검색광고, 검색 광고, Search_Engine_Optimization, Newsletter, Video Production, 42, "  "]'));
    // Not text, or nothing once normalised: kept as written, so the schema judges it as before.
    assert.deepEqual(r.model.frontmatter?.['services'],
      ['paid-social', 'paid-search', 'paid-search', 'paid-search', 'seo', 'email', 'video-production', 42, '  ']);
  });

  it('content, email, web and social (and unknown services) change nothing in the default profile', () => {
    for (const s of ['content', 'email', 'web', 'social', 'Blog', 'Landing Pages', 'video', 'Influencer Marketing', 'TikTok']) {
      assert.deepEqual(summary(lint(withLine(base, `services: [${s}]`))), none, s);
    }
    assert.deepEqual(summary(lint(withLine(base, 'services: []'))), none, 'an empty list');
  });

  it('a playbook without services lints exactly as it would with no conditions in the profile', () => {
    const unconditional = createLinter({ profile: { ...bundledProfile(), conditions: [], activeConditions: () => [] }, packs: bundledPacks() });
    for (const name of ['complete.md', 'missing-sections.md', 'korean.md', 'frontmatter-values.md', 'empty-sections.md', 'no-sections.md']) {
      const text = splitFixture(readEngineFixture(name)).source;
      assert.deepEqual(summary(lint(text)), summary(unconditional.lint(text, { today: TODAY })), name);
    }
  });

  it('seo makes Baseline Data required (an error), with the reason', () => {
    const r = lint(withLine(base, 'services: [SEO]'));
    const f = r.findings.find((x) => x.ruleId === 'required-section')!;
    assert.equal(f.severity, 'error');
    assert.match(f.message, /^Missing required section "Baseline Data", required because `services` includes `seo`: .*rankings/);
    // The same key as the recommended-section warning it replaces, so a PR report sees one finding change severity.
    assert.equal(f.key, 'required-section:-:baseline');
    assert.equal(r.completeness.score, none.completeness.score);
  });

  for (const service of ['paid-search', 'paid-social', 'Paid Search', 'facebook_ads', 'Google Ads', '키워드 광고']) {
    it(`${service} requires the Ad Accounts section and ad_budget_monthly`, () => {
      const r = lint(withLine(complete, `services: [${service}]`));
      const section = r.findings.find((x) => x.ruleId === 'required-section' && x.data?.id === 'ad-accounts');
      const key = r.findings.find((x) => x.ruleId === 'frontmatter-schema' && x.data?.id === 'ad_budget_monthly');
      assert.ok(section && key, JSON.stringify(r.findings.map((x) => x.message)));
      assert.equal(section.severity, 'error');
      assert.match(section.message, /required because `services` includes `paid-(search|social)`/);
      assert.match(key.message, /^Missing frontmatter key "ad_budget_monthly", required because `services` includes `paid-/);
      assert.deepEqual(r.completeness.missing.map((m) => `${m.kind}:${m.id}`), ['section:ad-accounts', 'field:ad_budget_monthly']);
      assert.equal(r.completeness.score, Math.floor((100 * 30) / 32));
    });
  }

  it('names every matching service once, and points at the one that first turns the requirement on', () => {
    const text = withLine(complete, 'services: [seo, PPC, paid-social, ppc]');
    const r = lint(text);
    const f = r.findings.find((x) => x.data?.id === 'ad-accounts')!;
    assert.match(f.message, /`services` includes `paid-search`, `paid-social`:/);
    const related = f.related![0]!;
    assert.deepEqual([related.line, related.column, related.endLine, related.endColumn], [11, 17, 11, 20]);
    assert.equal(text.split('\n')[10]!.slice(16, 19), 'PPC');
    assert.equal(related.message, 'This value makes "Ad Accounts & Access" required.');
  });

  it('says why in Korean too, and inserts the Korean heading in a Korean playbook', () => {
    const ko = createLinter({ profile: bundledProfile(), packs: bundledPacks(), locale: 'ko' });
    const text = withLine(korean, 'services: [소셜광고, 검색엔진최적화]');
    const r = ko.lint(text, { today: TODAY });
    const section = r.findings.find((x) => x.data?.id === 'ad-accounts')!;
    assert.equal(section.message.split(':')[0], '필수 섹션 "광고 계정 및 권한"이(가) 없습니다. `services`에 `paid-social`이(가) 있으므로 필수입니다');
    const key = r.findings.find((x) => x.data?.id === 'ad_budget_monthly')!;
    assert.match(key.message, /^필수 프런트매터 키 "ad_budget_monthly"가 없습니다\. `services`에 `paid-social`이\(가\) 있으므로 필수입니다: 고객의 월 광고 예산/);
    assert.match(section.fix!.text, /^## 광고 계정 및 권한\n\n<!-- 광고 계정/);
    // The fixes make the requirement met: the section is there, and the key with its placeholder (0, still to fill in).
    const fixed = applyFixes(text, r.findings.flatMap((f) => (f.fix ? [f.fix] : [])));
    const again = ko.lint(fixed, { today: TODAY });
    assert.ok(again.model.sections['ad-accounts'], 'the inserted section is read as ad-accounts');
    assert.ok(!again.findings.some((f) => f.ruleId === 'required-section' && f.data?.id === 'ad-accounts'));
    assert.deepEqual(again.findings.filter((f) => f.data?.id === 'ad_budget_monthly' || /ad_budget_monthly/.test(f.message)).map((f) => f.ruleId), ['frontmatter-schema']);
    assert.ok(again.findings.some((f) => /"ad_budget_monthly"/.test(f.message) && /0/.test(f.message)), 'the placeholder 0 is still to be filled in');
  });

  it('a section an if/then requires is recognised (and checked for content) whatever the services', () => {
    const text = withLine(complete.replace('\n## Workflow & Approvals\n', '\n## Ad accounts\n\nTBD\n\n## Workflow & Approvals\n'), 'services: []');
    const r = lint(text);
    assert.ok(r.model.sections['ad-accounts']);
    assert.deepEqual(r.findings.map((f) => f.ruleId), ['empty-section']);
    assert.equal(r.completeness.score, 100, 'not required, so not counted');
  });
});

async function withProfile(profile: string): Promise<Linter> {
  return setupLinter({ config: { profile: './video.profile.json' }, configDir: '/repo', readText: memory({ '/repo/video.profile.json': profile }) });
}

// The worked example of docs/profiles.md.
const VIDEO_PROFILE = `{
  "$schema": "http://json-schema.org/draft-07/schema#",
  "title": "Agency onboarding + video",
  "extends": "agency",
  "allOf": [
    {
      "description": "Video production: the shoot needs its logistics settled.",
      "if": {
        "required": ["frontmatter"],
        "properties": {
          "frontmatter": {
            "required": ["services"],
            "properties": { "services": { "type": "array", "contains": { "const": "video" } } }
          }
        }
      },
      "then": {
        "properties": {
          "sections": {
            "required": ["shoot-logistics"],
            "properties": {
              "shoot-logistics": {
                "type": "object",
                "properties": { "empty": { "const": false } },
                "headings": { "en": "Shoot Logistics", "ko": "촬영 준비" },
                "aliases": { "en": ["Shoot Plan"], "ko": ["촬영 계획"] },
                "keywords": { "en": ["shoot", "filming", "call sheet"], "ko": ["촬영", "로케이션"] },
                "hint": { "en": "dates, locations, crew, releases and who signs off the footage.", "ko": "촬영 날짜, 장소, 스태프, 초상권 동의서, 촬영본 승인자를 적으십시오." },
                "severity": "error",
                "weight": 2
              }
            }
          }
        }
      }
    }
  ]
}
`;

describe('services: a custom profile with its own if/then', () => {
  it('requires its section when services include video, with the then\'s severity, weight, headings and keywords', async () => {
    // A then's own severity is used: "warning" makes it a recommendation, with the matching words.
    const recommended = (await withProfile(VIDEO_PROFILE.replace('"severity": "error"', '"severity": "warning"'))).lint(withLine(complete, 'services: [Video]'), { today: TODAY });
    assert.equal(recommended.findings[0]!.severity, 'warning');
    assert.match(recommended.findings[0]!.message, /^Missing recommended section "Shoot Logistics", recommended because `services` includes `video`: /);
    const linter = await withProfile(VIDEO_PROFILE);
    const text = withLine(complete, 'services: [Video]');
    const r = linter.lint(text, { today: TODAY });
    assert.deepEqual(r.findings.map((f) => `${f.ruleId} ${f.line}:${f.column} ${f.severity}`), ['required-section 80:1 error']);
    assert.equal(r.findings[0]!.message,
      'Missing required section "Shoot Logistics", required because `services` includes `video`: dates, locations, crew, releases and who signs off the footage.');
    // Weight 2 out of 30 + 2.
    assert.equal(r.completeness.score, Math.floor((100 * 30) / 32));
    assert.deepEqual(r.completeness.missing.map((m) => `${m.kind}:${m.id}:${m.title}`), ['section:shoot-logistics:Shoot Logistics']);
    // Its keywords read a heading as it, and then it is satisfied.
    const written = linter.lint(`${text}\n## Filming & call sheets\n\nShoot on 2026-04-02 at the Portland store; Dana signs off the footage.\n`, { today: TODAY });
    assert.ok(written.model.sections['shoot-logistics']);
    assert.equal(written.completeness.score, 100);
  });

  it('without video, nothing changes; the bundled conditions still apply', async () => {
    const linter = await withProfile(VIDEO_PROFILE);
    assert.deepEqual(linter.lint(withLine(complete, 'services: [seo]'), { today: TODAY }).findings, []);
    const paid = linter.lint(withLine(complete, 'services: [video, ppc]'), { today: TODAY });
    assert.deepEqual(paid.completeness.missing.map((m) => m.id), ['ad-accounts', 'shoot-logistics', 'ad_budget_monthly']);
  });

  it('the profile meta-schema (VS Code completion and hover on *.profile.json) accepts the bundled profile, the example and this one', () => {
    const meta = validateProfileFile as unknown as ((v: unknown) => boolean) & { errors?: Array<{ instancePath: string; message?: string }> };
    for (const [name, text] of [['agency', readFileSync(join(ROOT, 'schemas/agency.profile.json'), 'utf8')],
      ['example', readFileSync(join(ROOT, 'schemas/profile.example.json'), 'utf8')], ['video', VIDEO_PROFILE]] as const) {
      assert.ok(meta(JSON.parse(text)), `${name}: ${JSON.stringify(meta.errors)}`);
    }
    const wrong = JSON.parse(VIDEO_PROFILE) as { allOf: Array<Record<string, unknown>> };
    wrong.allOf[0]!['thne'] = wrong.allOf[0]!['then'];
    assert.ok(!meta(wrong));
    assert.equal(meta.errors![0]!.instancePath, '/allOf/0');
  });

  const broken: Array<{ name: string; edit: (p: string) => string; line: number; column: number; detail: RegExp }> = [
    { name: 'a "required" that is not a list', edit: (p) => p.replace('"required": ["shoot-logistics"]', '"required": "shoot-logistics"'),
      line: 20, column: 13, detail: /then\/properties\/sections\/required must be array/ },
    { name: 'a condition that also holds without services', edit: (p) => p.replace('"required": ["services"],\n', ''),
      line: 12, column: 41, detail: /also holds for a playbook without "services"/ },
    { name: '"contains" without "type": "array"', edit: (p) => p.replace('"type": "array", "contains"', '"contains"'),
      line: 13, column: 29, detail: /write "type": "array"/ },
    { name: 'a required section declared nowhere', edit: (p) => p.replace('"required": ["shoot-logistics"]', '"required": ["shoot-logistics", "b-roll"]'),
      line: 20, column: 13, detail: /"b-roll" is required but not declared/ },
    { name: 'a new section without headings', edit: (p) => p.replace('"headings": { "en": "Shoot Logistics", "ko": "촬영 준비" },\n', ''),
      line: 20, column: 26, detail: /section "shoot-logistics" is required here but has no "headings"/ },
    { name: 'a misspelt "then"', edit: (p) => p.replace('"then": {', '"thne": {'),
      line: 6, column: 5, detail: /must have required property 'then'/ },
  ];
  for (const b of broken) {
    it(`a broken if/then is a configuration error at its place: ${b.name}`, async () => {
      const e = await configError(withProfile(b.edit(VIDEO_PROFILE)));
      assert.equal(e.file, '/repo/video.profile.json');
      assert.match(e.detail, b.detail);
      assert.deepEqual([e.line, e.column], [b.line, b.column], e.message);
    });
  }
});

describe('services: the template', () => {
  const template = 'services: [{{services}}]\n{{#key ad_budget_monthly}}\nad_budget_monthly: 0\n{{/key}}\n## Tools\n\n{{#section ad-accounts}}\n## Ad Accounts & Access\n\n{{/section}}\n## Workflow\n';
  it('keeps the blocks of what the services require, drops the others', () => {
    const profile = bundledProfile();
    assert.equal(selectTemplateBlocks(template, profile, ['seo']),
      'services: [{{services}}]\n## Tools\n\n## Workflow\n');
    assert.equal(selectTemplateBlocks(template, profile, ['SEO', 'Facebook Ads']),
      'services: [{{services}}]\nad_budget_monthly: 0\n## Tools\n\n## Ad Accounts & Access\n\n## Workflow\n');
  });

  const newPlaybook = (args: string[]) => {
    const dir = mkdtempSync(join(tmpdir(), 'playbook-lint-new-'));
    try {
      execFileSync(process.execPath, [join(ROOT, 'bin/playbook-lint.js'), 'new', ...args, '--out', 'p.md', '--owner', 'Dana', '--start', '2026-01-05'],
        { cwd: dir, env: { ...process.env, LANG: 'C' }, stdio: ['ignore', 'pipe', 'pipe'] });
      return readFileSync(join(dir, 'p.md'), 'utf8');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('playbook-lint new --services writes the sections and keys they require, and only those', () => {
    const paid = newPlaybook(['Acme Outdoor Co.', '--services', 'seo, Paid Social']);
    assert.match(paid, /^services: \[seo, Paid Social\]\nad_budget_monthly: 0\n/m);
    assert.match(paid, /\n## Tools & Access\n\n<!--[^\n]*-->\n\n## Ad Accounts & Access\n\n<!-- For paid search and paid social: [^\n]*-->\n\n## Workflow & Approvals\n/);
    assert.doesNotMatch(paid, /\{\{/);
    const r = lint(paid);
    // Every section the services require is there (only empty, a to-do); the budget is to fill in.
    assert.ok(!r.findings.some((f) => f.ruleId === 'required-section'), r.findings.map((f) => f.message).join('\n'));
    assert.ok(r.findings.some((f) => f.ruleId === 'empty-section' && f.section === 'ad-accounts'));
    const plain = newPlaybook(['Acme Outdoor Co.']);
    assert.match(plain, /^services: \[\]\n/m);
    assert.doesNotMatch(plain, /Ad Accounts|ad_budget_monthly|\{\{/);
    const ko = newPlaybook(['한빛 화장품', '--lang', 'ko', '--services', '검색광고']);
    assert.match(ko, /\n## 광고 계정 및 권한\n/);
    assert.ok(!lint(ko).findings.some((f) => f.ruleId === 'required-section'));
  });
});
