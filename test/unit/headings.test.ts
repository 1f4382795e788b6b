// Headings as people write them (issue #13): the bundled profile's keywords, the
// normalisation that goes before them, the no-guess rule for ambiguous headings, a
// custom profile's own keywords, and the real-world list of bench/data/headings.json
// held at the bench's targets.
import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledProfile, ConfigError, createLinter, setupLinter } from '../../src/core/index.js';
import { singular, headingWords } from '../../src/core/parse/heading-match.js';
import { ROOT } from './helpers.js';

const profile = bundledProfile();
const read = (h: string) => profile.readHeading(h);
const id = (h: string) => profile.sectionForHeading(h);

describe('headings read by meaning', () => {
  it('reads the headings the issue names as the sections they plainly name', () => {
    const cases: Record<string, string> = {
      'Kickoff Meeting': 'welcome', 'Kick-off': 'welcome', 'Kick Off': 'welcome', Communications: 'communication',
      'Team Roles': 'roles', 'Points of Contact': 'contacts', 'Status Reports': 'reporting', Approvals: 'workflow',
      Tooling: 'tools', 'Scope of Work': 'scope', 'Brand Voice': 'brand', Invoices: 'billing', 'Success Metrics': 'goals',
      'Review & Approval': 'workflow', '담당자 연락처': 'contacts', '월간 보고': 'reporting', '역할 분담': 'roles',
      '청구 및 결제': 'billing', '목표 및 KPI': 'goals',
    };
    for (const [heading, section] of Object.entries(cases)) assert.equal(id(heading), section, heading);
  });

  it('reads none of the sections in headings that name none', () => {
    for (const h of ['Philosophy', 'Sample Agenda', 'Definition of Done', 'Hosting', '검증 단계', 'Overview', 'Appendix', 'Team', 'Client',
      'Meeting Notes', '개요']) {
      assert.equal(id(h), undefined, h);
    }
  });

  it('folds plurals, hyphens and spaces, numbering, emoji, closing #s and inline HTML', () => {
    assert.equal(singular('communications'), 'communication');
    assert.equal(singular('responsibilities'), 'responsibility');
    assert.equal(singular('access'), 'access');
    assert.equal(singular('status'), 'status');
    assert.equal(singular('kpis'), 'kpi');
    assert.deepEqual(headingWords('📅 3. Check-ins ##'), ['check', 'ins']);
    assert.deepEqual(headingWords("1. <a name='x'></a>Weekly report"), ['weekly', 'report']);
    for (const h of ['Follow-ups', 'Follow Ups', 'Followups', 'follow up', '📅 Check-ins', 'Step 7: Check Ins', '7) Check-in']) {
      assert.equal(id(h), 'follow-ups', h);
    }
    for (const h of ['Stakeholder', 'Stakeholders', 'Key Stakeholders', 'Our Stakeholders']) assert.equal(id(h), 'contacts', h);
  });

  it('drops leading prefixes and counts fillers only when nothing else is there', () => {
    assert.equal(id('Project Timeline'), 'scope');
    assert.equal(id('Our Goals'), 'goals');
    assert.equal(id('Client Education'), 'education');
    assert.equal(id('Communication Plan'), 'communication');
    assert.equal(id('Meeting Schedule'), 'communication');
    assert.equal(id('Payment Schedule'), 'billing');
    assert.equal(id('Project Overview'), undefined);
  });

  it('reads Korean words with particles, with or without spaces, and 및/과/와 joins', () => {
    assert.equal(id('목표와 KPI'), 'goals');
    assert.equal(id('목표및KPI'), 'goals');
    assert.equal(id('역할과 책임'), 'roles');
    assert.equal(id('연락처와 담당자'), 'contacts');
    assert.equal(id('커뮤니케이션계획'), 'communication');
    assert.equal(id('KPI를 포함한 목표'), 'goals');
    assert.equal(id('30일 후 체크인'), 'follow-ups');
  });

  it('a heading two sections cover equally is no section, and says which', () => {
    const r = read('Roles & Contacts');
    assert.equal(r.id, undefined);
    assert.deepEqual([...r.tied].sort(), ['contacts', 'roles']);
    assert.equal(read('Goals & Reporting').id, undefined);
  });

  it('a heading covered too little is no section', () => {
    const r = read('Identifying a Performance Measurement Baseline to Build On');
    assert.equal(r.id, undefined);
    assert.ok(r.score > 0 && r.score < 0.5, String(r.score));
  });

  it('says how a heading was read: alias, keywords or none', () => {
    assert.deepEqual(read('Billing & Invoicing'), { id: 'billing', via: 'alias', score: 1, tied: [] });
    assert.equal(read('Invoices').via, 'keywords');
    assert.equal(read('Philosophy').via, 'none');
  });

  it('a subheading read by keywords under the section it names is part of that section, not a duplicate', () => {
    const linter = createLinter({ profile, packs: [] });
    const doc = '---\nclient: X\n---\n\n## Reporting\n\n### Monthly report\n\nText.\n\n## Billing\n\n### Invoices\n\nMore.\n';
    const r = linter.lint(doc, { today: '2026-06-30' });
    assert.deepEqual(Object.keys(r.model.sections), ['reporting', 'billing']);
    assert.ok(!r.findings.some((f) => f.ruleId === 'duplicate-section'));
  });

  it('a subheading that names another section starts that section, as an alias always did', () => {
    const linter = createLinter({ profile, packs: [] });
    const doc = '---\nclient: X\n---\n\n## Communications\n\nSlack.\n\n### Status Reports\n\nMonthly.\n';
    assert.deepEqual(Object.keys(linter.lint(doc, { today: '2026-06-30' }).model.sections), ['communication', 'reporting']);
  });
});

describe('a custom profile\'s keywords', () => {
  const files = (profileText: string) => async (path: string) => {
    if (path === '/repo/p.json') return profileText;
    throw new Error(`ENOENT: ${path}`);
  };
  const custom = `{
  "extends": "agency",
  "headingMatch": { "fillers": { "en": ["doc"] } },
  "properties": {
    "sections": {
      "properties": {
        "creative-brief": {
          "headings": { "en": "Creative Brief" },
          "keywords": { "en": ["brief", "campaign concept"], "ko": ["브리프"] }
        }
      }
    }
  }
}`;

  it('adds keywords and word lists to the bundled ones', async () => {
    const linter = await setupLinter({ config: { profile: 'p.json' }, configDir: '/repo', readText: files(custom), trusted: true });
    const p = linter.options.profile;
    assert.equal(p.sectionForHeading('Campaign Brief Doc'), 'creative-brief');
    assert.equal(p.sectionForHeading('Campaign Concepts'), 'creative-brief');
    assert.equal(p.sectionForHeading('캠페인 브리프'), 'creative-brief');
    // The bundled keywords and lists still apply.
    assert.equal(p.sectionForHeading('Communications'), 'communication');
    assert.equal(p.sectionForHeading('Project Timeline'), 'scope');
  });

  it('a wrong headingMatch is a configuration error at its place in the profile file', async () => {
    const bad = custom.replace('"headingMatch": { "fillers": { "en": ["doc"] } }', '"headingMatch": { "minScore": 2 }');
    try {
      await setupLinter({ config: { profile: 'p.json' }, configDir: '/repo', readText: files(bad), trusted: true });
      assert.fail('expected a ConfigError');
    } catch (e) {
      assert.ok(e instanceof ConfigError, String(e));
      assert.equal(e.file, '/repo/p.json');
      assert.equal(e.line, 3);
      assert.match(e.detail, /minScore|maximum|<= 1/);
    }
  });
});

describe('real-world headings (bench/data/headings.json)', () => {
  it('holds recall at 90% or more with no false match', async () => {
    const list = JSON.parse(readFileSync(join(ROOT, 'bench/data/headings.json'), 'utf8')) as unknown[];
    const bench = await import(pathToFileURL(join(ROOT, 'bench/headings.mjs')).href) as {
      measureHeadings(core: unknown, list: unknown[]): { recall: number; naming: number; none: number; falseMatches: Array<{ heading: string }> };
    };
    const core = await import('../../src/core/index.js');
    const m = bench.measureHeadings(core, list);
    assert.ok(m.naming >= 60 && m.none >= 30, `${m.naming} naming, ${m.none} none`);
    assert.deepEqual(m.falseMatches.map((r) => r.heading), []);
    assert.ok(m.recall >= 0.9, `recall ${m.recall}`);
  });
});
