// Our EditMap (src/core/parse/edit-map.ts, which the bundles use in place of micromark's)
// against micromark-util-edit-map itself: random edits, with add and addBefore at the
// same place, overlapping removals and places past the end, give the same events.
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { EditMap as Original } from 'micromark-util-edit-map';
import type { Event } from 'micromark-util-types';
import { EditMap } from '../../src/core/parse/edit-map.js';
import { parse, postprocess, preprocess } from 'micromark';
import { createRequire } from 'node:module';
import { readEngineFixture, engineFixtureNames } from './helpers.js';

type Op = { before: boolean; at: number; remove: number; add: number[] };

const asEvents = (xs: number[]) => xs as unknown as Event[];

function apply(map: Original | EditMap, events: number[], ops: Op[]): unknown[] {
  const list = asEvents([...events]);
  // Each edit gets its own `add` array: addImplementation keeps and extends it.
  for (const op of ops) (op.before ? map.addBefore : map.add).call(map, op.at, op.remove, asEvents([...op.add]));
  map.consume(list);
  return list;
}

describe('EditMap (linear consume)', () => {
  it('gives the same events as micromark-util-edit-map on random edits', () => {
    const op = fc.record({ before: fc.boolean(), at: fc.nat(40), remove: fc.nat(6), add: fc.array(fc.integer({ min: 1000, max: 1999 }), { maxLength: 5 }) });
    fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 999 }), { maxLength: 35 }), fc.array(op, { maxLength: 8 }), (events, ops) => {
      assert.deepStrictEqual(apply(new EditMap(), events, ops), apply(new Original(), events, ops));
    }), { numRuns: 5000 });
  });

  it('can be used again after consume, as the original', () => {
    const ours = new EditMap();
    const theirs = new Original();
    const a = apply(ours, [1, 2, 3], [{ before: false, at: 1, remove: 1, add: [9] }]);
    const b = apply(theirs, [1, 2, 3], [{ before: false, at: 1, remove: 1, add: [9] }]);
    assert.deepStrictEqual(a, b);
    assert.deepStrictEqual(apply(ours, [4, 5], [{ before: true, at: 0, remove: 0, add: [7] }]), apply(theirs, [4, 5], [{ before: true, at: 0, remove: 0, add: [7] }]));
  });

  it('micromark gives the same events with either consume: CommonMark examples, the engine fixtures, long lists', () => {
    // The unit tests run micromark unbundled (the package's EditMap); the bundles run ours.
    const spec = createRequire(import.meta.url)('commonmark-spec') as { tests: Array<{ markdown: string }> };
    const texts = [...spec.tests.map((t) => t.markdown.replace(/→/g, '\t')), ...engineFixtureNames().map(readEngineFixture),
      '- a\n  - b\n    - c\n'.repeat(300), '> - a\n>   b\n> > c\n\nlazy\n'.repeat(200), '1. 1. 1. a\n'.repeat(200)];
    const events = (text: string) => postprocess(parse().document().write(preprocess()(text, undefined, true)))
      .map(([kind, token]) => `${kind}:${token.type}:${token.start.offset}-${token.end.offset}`).join(' ');
    const saved = Original.prototype.consume;
    try {
      for (const text of texts) {
        const theirs = events(text);
        Original.prototype.consume = EditMap.prototype.consume as typeof saved;
        const ours = events(text);
        Original.prototype.consume = saved;
        assert.equal(ours, theirs, JSON.stringify(text.slice(0, 60)));
      }
    } finally {
      Original.prototype.consume = saved;
    }
  });
});
