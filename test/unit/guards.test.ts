// The container guard (issue 8): lines that open a list or quote inside another on the
// same line, setext headings and list items by the thousand cost micromark steeply more
// the more a file has (3,000 lines of "1. 1. 1. a" took 21 s). A linear pre-scan refuses
// them with one finding naming the construct and the first line; near-misses are linted
// as usual; and no realistic playbook is refused: every example, template, fixture and
// the whole bench corpus. No timing assertions: a guard that let a hostile file through
// would run into mocha's timeout.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';
import { adoptDocument } from '../../src/core/adopt.js';
import { translator } from '../../src/core/messages/index.js';
import { containerOverload, MAX_CONTAINER_LINES, MAX_ITEM_INDENT, MAX_LADDER_COST, MAX_LAZY_COST, MAX_SETEXT, MAX_STACKED_COST, refusal } from '../../src/core/parse/hostile.js';
import { frontmatterBlockLength } from '../../src/core/parse/frontmatter-block.js';
import { MAX_PARSE_COST, parseCost, parseCostOverload } from '../../src/core/parse/parse-cost.js';
import { ROOT, markdownFiles } from './helpers.js';

const FM = '---\nclient: Guarded Co\nstart_date: 2026-01-05\n---\n\n# Guarded\n\n';
const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
const unreadable = (text: string) => linter.lint(text, { today: '2026-11-25' }).findings.filter((f) => f.ruleId === 'file-unreadable');

describe('container guard', () => {
  for (const [name, unit] of [['ordered "1. 1. 1. a"', '1. 1. 1. a\n'], ['bullets "- - a"', '- - a\n'], ['quote in a list "- > a"', '- > a\n'],
    ['list in a quote "> - a"', '> - a\n'], ['nested quotes "> > a"', '> > a\n'], ['mixed "* 1) + a"', '* 1) + a\n']] as const) {
    it(`refuses 3,000 lines of ${name} with one finding naming the construct and the first line`, () => {
      const found = unreadable(`${FM}${unit.repeat(3000)}`);
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /3000 lines that open a list or quote inside another .* among 3000 list items and quoted lines, .*first at line 8/);
    });
  }

  for (const underline of ['=', '-', '===', '   ---', '-\t']) {
    it(`refuses 3,000 setext headings underlined "${underline}"`, () => {
      const found = unreadable(`${FM}${`a\n${underline}\n`.repeat(3000)}`);
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, new RegExp(`${MAX_SETEXT + 1} setext headings .*first at line 9`));
    });
  }

  it('refuses more list items than the parser reads in a second or two, also with CRLF and CR line endings', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const found = unreadable(`${FM}${`- a${eol}`.repeat(MAX_CONTAINER_LINES + 1)}`);
      assert.equal(found.length, 1, JSON.stringify(eol));
      assert.match(found[0]!.message, new RegExp(`${MAX_CONTAINER_LINES + 1} list items and quoted lines`));
    }
  });

  it('counts stacked lines with the list items around them (999 after 6,900 items took the parser 9 s)', () => {
    const items = '- a\n'.repeat(6_900);
    const found = containerOverload(`${FM}${items}\n${'- - a\n'.repeat(999)}`);
    assert.deepEqual(found, { kind: 'stacked', count: 999, items: 7_899, line: 6_909 });
    // Deeper stacking weighs more: 900 lines of eight nested bullets are refused, 900 of two are not.
    assert.equal(containerOverload(`${FM}${'- - - - - - - - a\n'.repeat(900)}`)?.kind, 'stacked');
    assert.equal(containerOverload(`${FM}${'- - a\n'.repeat(900)}`), null);
    // The same stacked lines alone, or a few among the items, are read.
    assert.equal(containerOverload(`${FM}${'- - a\n'.repeat(999)}`), null);
    assert.equal(containerOverload(`${FM}${items}\n${'- - a\n'.repeat(100)}`), null);
  });

  describe('near-misses are linted as usual', function () {
    this.timeout(120_000); // a hang cap: near-misses are linted in full
    const ok = (text: string, what: string) => assert.deepEqual(unreadable(text), [], what);
    it('stacked lines and setext headings up to the limit', () => {
      ok(`${FM}${'1. 1. a\n'.repeat(Math.sqrt(MAX_STACKED_COST))}`, 'stacked at the limit');
      ok(`${FM}${'1. 1. 1. a\n'.repeat(Math.floor(Math.sqrt(MAX_STACKED_COST / 2)))}`, 'stacked three deep at the limit');
      ok(`${FM}${'a\n=\n\n'.repeat(MAX_SETEXT)}`, 'setext at the limit (the frontmatter fence does not count)');
    });
    it('list items up to the limit, and lines that only look like containers', () => {
      ok(`${FM}${'- a\n'.repeat(MAX_CONTAINER_LINES)}`, 'items at the limit');
      // Not openers: no space after the marker, thematic breaks, emphasis, task boxes, numbers in text, "---" after a blank line.
      ok(`${FM}${'-a -b\n***\n**bold** -\n- [ ] task - done\n2026. was a year\n\n---\n\n'.repeat(500)}`, 'look-alikes');
    });
    it('hundreds of ordinary nested items over several lines', () => {
      ok(`${FM}${'- a\n  - b\n    - c\n'.repeat(600)}`, 'nested by indentation');
    });
  });

  it('is a linear scan: a megabyte of text is scanned without parsing', () => {
    assert.equal(containerOverload(`${FM}${'word '.repeat(200_000)}\n`), null);
    assert.ok(containerOverload(`${FM}${'- - a\n'.repeat(200_000)}`));
  });
});

describe('bracket guard', () => {
  // At each "]" micromark walks back over the paragraph's open "[": 64 KB of "[a]" in one
  // paragraph took it 4.8 s, of "[a](" 3.6 s (the hostile bench, issue 8).
  for (const [name, unit] of [['"[a]" pairs', '[a]'], ['unclosed links "[a]("', '[a]('], ['images "![a]"', '![a] '], ['unclosed "["', '[ ']] as const) {
    it(`refuses 64 KB of ${name} in one paragraph, naming the paragraph's line`, () => {
      const found = unreadable(`${FM}text
${unit.repeat(Math.ceil(65_536 / unit.length))}
`);
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /more link brackets \(\[\) packed into one paragraph .*\(\d+ in the paragraph at line 8\)/);
    });
  }
  it('is also refused by adopt, with the same words', () => {
    assert.throws(() => adoptDocument(`${FM}${'[a]'.repeat(22_000)}\n`, { profile: bundledProfile() } as Parameters<typeof adoptDocument>[1]), /more link brackets/);
  });
  describe('near-misses are linted as usual', function () {
    this.timeout(120_000); // a hang cap: near-misses are linted in full
    const ok = (text: string, what: string) => assert.deepEqual(unreadable(text), [], what);
    it('thousands of links over many paragraphs, and one paragraph at the limit', () => {
      ok(`${FM}${'See [the brief](https://example.com/brief) and [notes][n].\n\n'.repeat(3_000)}[n]: https://example.com\n`, 'links in 3,000 paragraphs');
      ok(`${FM}${'[a] '.repeat(7_000)}\n`, '7,000 in one paragraph (about half a second)');
      ok(`${FM}${'- [ ] task [link](x)\n'.repeat(3_000)}`, 'a long task list: each item is its own paragraph');
    });
  });
});

describe('character-reference guard', () => {
  // 256 KB of "&amp; &#123; &bogus; " on one line took micromark 4.2 s; 64 KB, 0.3 s.
  it('refuses 256 KB of character references in one paragraph, naming the paragraph\'s line', () => {
    const found = unreadable(`${FM}${'&amp; &#123; &bogus; '.repeat(12_500)}\n`);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /character references .*\(37500 "&" in the paragraph at line 8\)/);
  });
  it('lets thousands of them through over many paragraphs, and 64 KB in one', function () {
    this.timeout(120_000); // a hang cap: these are linted in full
    assert.deepEqual(unreadable(`${FM}${'Fees &amp; terms, R&amp;D, &copy; 2026.\n\n'.repeat(4_000)}`), []);
    assert.deepEqual(unreadable(`${FM}${'&amp; &#123; &bogus; '.repeat(3_100)}\n`), []);
  });
});

describe('list-ladder guard', () => {
  // Items that go back to a shallower level, over and over in one list: each return closes
  // a sublist at a cost that grows with the list's items (4,000 items alternating two
  // levels took micromark 5 s; "- [x]" tasks on four levels, 3.8 s).
  for (const [name, unit] of [['two levels', (i: number) => `${'  '.repeat(i % 2)}- a ${i}\n`], ['done tasks on four levels', (i: number) => `${'  '.repeat(i % 4)}- [x] done ${i}\n`],
    ['four levels with blank lines', (i: number) => `${'  '.repeat(i % 4)}- a ${i}\n\n`], ['tab-indented', (i: number) => `${'\t'.repeat(i % 2)}- a ${i}\n`]] as const) {
    it(`refuses 4,000 items on ${name}, naming the construct and the first return`, () => {
      const found = unreadable(`${FM}${Array.from({ length: 4_000 }, (_, i) => unit(i)).join('')}`);
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /\d+ returns to a shallower level of a list \(among its 4000 items\).*first at line \d+\)/);
    });
  }
  it('counts per list: separate lists (after a heading or an unindented paragraph) each count on their own', () => {
    const list = Array.from({ length: 800 }, (_, i) => `${'  '.repeat(i % 2)}- a ${i}\n`).join('');
    assert.equal(containerOverload(`${FM}${`${list}\nA paragraph.\n\n${list}\n## Next\n${list}`}`), null);
    assert.equal(containerOverload(`${FM}${list}${list}${list}`)?.kind, 'ladder');
    assert.ok(MAX_LADDER_COST >= 600 * 1_800, 'the near-miss below stays under it');
  });
});

describe('deep-items guard', () => {
  it('refuses a ladder of items indented up to 118 columns over 256 KB (3.8 s of parsing), naming the first indented item', () => {
    const found = unreadable(`${FM}${Array.from({ length: 4_100 }, (_, i) => `${'  '.repeat(i % 60)}- a\n`).join('')}`);
    assert.equal(found.length, 1);
    assert.match(found[0]!.message, /list items indented so deep.*first at line 9\)/);
  });
  it('lets thousands of items at ordinary depths through', () => {
    assert.equal(containerOverload(`${FM}${'- a\n  - b\n    - c\n      - d\n\nA paragraph.\n\n'.repeat(1_900)}`), null);
    assert.ok(MAX_ITEM_INDENT > 7_600 * 6, 'four levels in every item of the 8,000 the items guard allows');
  });
});

describe('lazy-line guard', () => {
  // A paragraph in a list item or quote going on without the indentation or ">": micromark
  // re-checks the open containers on each line (13,000 such lines took it 3.6 s).
  for (const [name, head] of [['a deep list', '- - - - - - a\n'], ['a list item', '- a\n'], ['a quote', '> a\n']] as const) {
    it(`refuses 13,000 lazy lines in ${name}, naming the first`, () => {
      const found = unreadable(`${FM}${head}${'lazy\n'.repeat(13_000)}`);
      assert.equal(found.length, 1);
      assert.match(found[0]!.message, /13000 lines that go on with a paragraph in a list item or quote .*first at line 9/);
    });
  }
  describe('near-misses are linted as usual', function () {
    this.timeout(120_000); // a hang cap: near-misses are linted in full
    const ok = (text: string, what: string) => assert.deepEqual(unreadable(text), [], what);
    it('lazy lines up to the limit, many short lazy paragraphs, and a long paragraph outside containers', () => {
      ok(`${FM}- a\n${'lazy\n'.repeat(Math.sqrt(MAX_LAZY_COST))}`, 'at the limit');
      ok(`${FM}${'- item\nlazy continuation\n'.repeat(6_000)}`, 'one lazy line per item: 6,000 lazy lines in all');
      ok(`${FM}${'> quoted\nlazy\n\n'.repeat(3_000)}`, 'short quoted paragraphs');
      ok(`${FM}${'plain line of a paragraph\n'.repeat(8_000)}`, 'a paragraph of 8,000 lines outside containers');
    });
  });
});

// ---------------------------------------------------------------- the parse-cost guard
describe('parse-cost guard', () => {
  // micromark spends tens of microseconds on each line and block whatever it holds: a
  // megabyte of "a" lines took 14 s, of empty headings 10 s, of "`a`" code spans 5.6 s.
  const MB = 1024 * 1024;
  const fill = (unit: string) => `${FM}${unit.repeat(Math.ceil(MB / unit.length))}`;
  for (const [name, unit, construct] of [
    ['short lines "a"', 'a\n', / \d+ lines$/],
    ['blank lines', '\n', / \d+ blank lines$/],
    ['empty headings "#"', '#\n', /paragraphs, headings and other blocks$/],
    ['short paragraphs', 'a\n\n', /paragraphs, headings and other blocks$/],
    ['open-and-close fences', '```\na\n```\n', /(lines|blocks)$/],
    ['code spans "`a`"', '`a` ', /code span markers \(`\)$/],
    ['link definitions', '[ref]: /u\n\n', /lines that start with "\[" \(link reference definitions\)$/],
    ['closing brackets "]"', ']', /link brackets \(\[ or \]\)$/],
    ['inline HTML "<a "', '<a ', /angle brackets \(<\)$/],
  ] as const) {
    it(`refuses 1 MB of ${name} before parsing, naming what costs most and the line where the estimate passes the limit`, () => {
      const text = fill(unit);
      const found = unreadable(text);
      assert.equal(found.length, 1);
      const over = parseCostOverload(text)!;
      const [, detail] = /\(by line (.*)\); split it into smaller files\.$/.exec(found[0]!.message) ?? [];
      assert.match(found[0]!.message, /more Markdown than the parser reads in about 2 seconds/);
      assert.match(detail ?? '', new RegExp(`^${over.line} it already has ${over.count} `));
      assert.match(detail ?? '', construct);
    });
  }

  it('counts lines the same with LF, CRLF and CR line endings, and names the line in Korean too', () => {
    const at = ['\n', '\r\n', '\r'].map((eol) => parseCostOverload(`${FM.replace(/\n/g, eol)}${`a${eol}`.repeat(60_000)}`));
    assert.ok(at[0]);
    assert.deepEqual(at[1], at[0]);
    assert.deepEqual(at[2], at[0]);
    const ko = refusal(`${FM}${'a\n'.repeat(60_000)}`, translator('ko'));
    assert.match(ko ?? '', new RegExp(`${at[0].line}번째 줄까지 이미 줄이\\(가\\) ${at[0].count}개`));
  });

  it('is also refused by adopt, with the same words', () => {
    assert.throws(() => adoptDocument(fill('a\n'), { profile: bundledProfile() } as Parameters<typeof adoptDocument>[1]), /more Markdown than the parser reads/);
  });

  it('weighs the frontmatter as YAML: its lines cost less, its anchors and aliases more', () => {
    const keys = `---\nclient: Keys Co\n${Array.from({ length: 60_000 }, (_, i) => `key${i}: v\n`).join('')}---\n\n# T\n`;
    assert.equal(parseCostOverload(keys), null, '60,000 keys: YAML reads them in under a second');
    assert.ok(parseCost(keys).counts.frontmatter > 60_000);
    const aliases = `---\nclient: Alias Co\n${Array.from({ length: 10_000 }, (_, i) => `k${i}: &a${i} v\nr${i}: *a${i}\n`).join('')}---\n\n# T\n`;
    assert.equal(parseCostOverload(aliases)?.kind, 'anchor');
  });

  it('finds the end of a frontmatter in linear time, also one never closed with CRLF line endings (a regular expression took 1.1 s on 24 such lines, minutes on a few more)', () => {
    for (const eol of ['\n', '\r\n', '\r']) {
      const open = `---${eol}client: Crlf Co${eol}${`key: v${eol}`.repeat(5_000)}`;
      assert.equal(frontmatterBlockLength(`${open}${eol}# T${eol}`), 0, JSON.stringify(eol));
      assert.equal(frontmatterBlockLength(`${open}---${eol}# T${eol}`), open.length + 3 + eol.length, JSON.stringify(eol));
      assert.equal(frontmatterBlockLength(`${open}...`), open.length + 3, 'closed by "..." at the end of the text');
      // Linted, not refused, and not hung (mocha's timeout is the cap).
      assert.deepEqual(unreadable(`${open}${eol}# T${eol}`), [], JSON.stringify(eol));
    }
  });

  describe('near-misses are linted as usual', function () {
    this.timeout(120_000); // a hang cap: near-misses are linted in full
    const ok = (text: string, what: string) => assert.deepEqual(unreadable(text), [], what);
    it('40,000 short lines, 3,000 fenced code blocks, 5,000 headings, a megabyte of prose', () => {
      ok(`${FM}${'a\n'.repeat(40_000)}`, 'short lines');
      ok(`${FM}${'```\ncode\n```\n\n'.repeat(3_000)}`, 'fences');
      ok(`${FM}${Array.from({ length: 5_000 }, (_, i) => `## Heading ${i}\n\nSome text.\n\n`).join('')}`, 'headings');
      ok(`${FM}${'We will send the weekly report every Monday, with the numbers the client asked for. '.repeat(12_500)}\n`, 'a megabyte of prose');
    });
  });
});

// ---------------------------------------------------------------- no realistic playbook is refused
const refusedBy = (text: string): string | null => refusal(text, translator('en'));

describe('the guards refuse no realistic playbook', function () {
  this.timeout(600_000);

  it('every example, template, fixture and e2e workspace file', () => {
    const files = ['examples', 'templates', 'test/fixtures', 'test/e2e/workspace', 'docs'].flatMap((d) => markdownFiles(join(ROOT, d)));
    assert.ok(files.length > 20, `only ${files.length} files`);
    const refused = files.map((f) => [f, refusedBy(readFileSync(f, 'utf8'))]).filter(([, r]) => r);
    assert.deepEqual(refused, []);
  });

  it('the whole bench corpus (2,000 playbooks, the 1 MB and the 10,000-line files included)', async () => {
    const corpus = (await import(pathToFileURL(join(ROOT, 'bench', 'corpus.mjs')).href)) as {
      ensureCorpus(o: { quick?: boolean }): { dir: string; stamp: { playbooks: number } };
    };
    const { dir, stamp } = corpus.ensureCorpus({ quick: false });
    const files = markdownFiles(dir);
    assert.ok(files.length >= stamp.playbooks, `${files.length} files`);
    const refused = files.map((f) => [f, refusedBy(readFileSync(f, 'utf8'))]).filter(([, r]) => r);
    assert.deepEqual(refused, []);
    // Well within the parse-cost limit: its largest files (1 MB; 10,000 lines) are estimated at a third of it.
    const costliest = Math.max(...files.map((f) => parseCost(readFileSync(f, 'utf8')).cost));
    assert.ok(costliest < MAX_PARSE_COST / 2, `${costliest} µs`);
  });
});
