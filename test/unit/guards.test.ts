// The container guard (issue 8): lines that open a list or quote inside another on the
// same line, setext headings and list items by the thousand cost micromark steeply more
// the more a file has (3,000 lines of "1. 1. 1. a" took 21 s). A linear pre-scan refuses
// them with one finding naming the construct and the first line; near-misses are linted
// as usual; and no realistic playbook is refused: every example, template, fixture and
// the whole bench corpus. No timing assertions: a guard that let a hostile file through
// would run into mocha's timeout.
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';
import { containerOverload, emphasisOverload, MAX_CONTAINER_LINES, MAX_SETEXT, MAX_STACKED_COST, tooDeep } from '../../src/core/parse/hostile.js';
import { ROOT } from './helpers.js';

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

  describe('near-misses are linted as usual', () => {
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

// ---------------------------------------------------------------- no realistic playbook is refused
function markdownFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir).flatMap((name) => {
    if (name === 'node_modules' || name === '.git') return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : /\.(?:md|markdown)$/i.test(name) ? [p] : [];
  });
}

function refusedBy(text: string): string | null {
  if (tooDeep(text)) return 'nesting';
  if (emphasisOverload(text)) return 'emphasis';
  const c = containerOverload(text);
  return c ? `containers (${c.kind}, line ${c.line})` : null;
}

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
  });
});
