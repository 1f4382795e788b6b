// `node bench/headings.mjs [--json] [--verbose]`: how real-world headings are read.
// Each heading of bench/data/headings.json (collected from public agency handbooks and
// statements of work, en and ko, with the section each names or null) is linted alone in
// a playbook, through the built engine; recall is the share of section-naming headings
// read as their section, a false match is a heading read as a section it does not name
// (a null heading read as any section, or a heading read as the wrong one).
// Targets (issue 13): recall >= 90%, no false match. A report: exits 0 either way.
import { readFileSync } from 'node:fs';

const argv = process.argv.slice(2);
const core = await import(new URL('../out/src/core/index.js', import.meta.url).href);

/** Read every heading of the list; shared with test/unit/heading-corpus.test.ts. */
export function measureHeadings(coreModule, list) {
  const linter = coreModule.createLinter({ profile: coreModule.bundledProfile(), packs: [] });
  const rows = list.map((item) => {
    const doc = `---\nclient: Bench\nlang: ${item.lang}\n---\n\n# Bench\n\n## ${item.heading}\n\nSome text under the heading.\n`;
    const sections = Object.keys(linter.lint(doc, { today: '2026-06-30' }).model.sections);
    return { ...item, read: sections[0] ?? null };
  });
  const naming = rows.filter((r) => r.section);
  const hits = naming.filter((r) => r.read === r.section);
  const wrong = rows.filter((r) => r.read && r.read !== r.section);
  const byLang = {};
  for (const lang of ['en', 'ko']) {
    const n = naming.filter((r) => r.lang === lang);
    byLang[lang] = { naming: n.length, recalled: n.filter((r) => r.read === r.section).length,
      none: rows.filter((r) => r.lang === lang && !r.section).length, falseMatches: wrong.filter((r) => r.lang === lang).length };
  }
  return { rows, naming: naming.length, recalled: hits.length, recall: naming.length ? hits.length / naming.length : 0,
    none: rows.length - naming.length, falseMatches: wrong, misses: naming.filter((r) => !r.read), byLang };
}

const isMain = import.meta.url === new URL(process.argv[1] ?? '', 'file:').href;
if (isMain) {
  const list = JSON.parse(readFileSync(new URL('./data/headings.json', import.meta.url), 'utf8'));
  const m = measureHeadings(core, list);
  if (argv.includes('--json')) {
    console.log(JSON.stringify({ recall: m.recall, naming: m.naming, recalled: m.recalled, none: m.none,
      falseMatches: m.falseMatches.length, byLang: m.byLang }, null, 2));
  } else {
    const pct = (x) => `${(100 * x).toFixed(1)}%`;
    console.log(`Headings as people write them (bench/data/headings.json: ${m.naming} that name a section, ${m.none} that name none)`);
    for (const [lang, s] of Object.entries(m.byLang)) {
      console.log(`  ${lang}: recall ${s.recalled}/${s.naming} (${pct(s.naming ? s.recalled / s.naming : 0)}), false matches ${s.falseMatches} (of ${s.none} non-section headings and ${s.naming} section headings)`);
    }
    console.log(`  all: recall ${m.recalled}/${m.naming} = ${pct(m.recall)} (target >= 90%: ${m.recall >= 0.9 ? 'PASS' : 'FAIL'}), false matches ${m.falseMatches.length} (target 0: ${m.falseMatches.length === 0 ? 'PASS' : 'FAIL'})`);
    if (argv.includes('--verbose') || m.falseMatches.length) {
      for (const r of m.falseMatches) console.log(`  false match: "${r.heading}" (${r.lang}) read as ${r.read}, names ${r.section ?? 'no section'}`);
    }
    if (argv.includes('--verbose')) for (const r of m.misses) console.log(`  missed: "${r.heading}" (${r.lang}) names ${r.section}`);
  }
}
