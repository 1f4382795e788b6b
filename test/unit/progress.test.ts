// The progress line of a long stylish run on a terminal, with a clock the test moves.
import assert from 'node:assert/strict';
import { progressLine } from '../../src/cli/progress.js';

describe('progress line', () => {
  it('says nothing in the first second, then files done / total at most ten times a second, and wipes itself', () => {
    let t = 0;
    const out: string[] = [];
    const p = progressLine((s) => out.push(s), () => t);
    p.update(10, 2000);
    t = 999;
    p.update(20, 2000);
    assert.deepEqual(out, [], 'nothing before a second');
    t = 1000;
    p.update(30, 2000);
    t = 1050;
    p.update(40, 2000);
    t = 1100;
    p.update(2000, 2000);
    assert.deepEqual(out, ['\r30 / 2,000 files\u001b[K', '\r2,000 / 2,000 files\u001b[K']);
    p.end();
    assert.equal(out.at(-1), '\r\u001b[K');
  });

  it('a short run leaves stderr untouched', () => {
    const out: string[] = [];
    const p = progressLine((s) => out.push(s), () => 0);
    p.update(1, 1);
    p.end();
    assert.deepEqual(out, []);
  });
});
