// The result cache's rules for trusting a file without reading it (like git's index).
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, readFileSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CACHE_FILE, ResultCache } from '../../src/node/cache.js';
import { CacheData } from '../../src/node/cache-data.js';
import { fromStored, storedJson, toStored } from '../../src/node/output.js';

const result = toStored({ client: 'A', lang: 'en' as const, completeness: { score: 100, missing: [] }, findings: [] });

describe('result cache', () => {
  let dir: string;
  beforeEach(() => { dir = mkdtempSync(join(tmpdir(), 'pbl-cache-')); });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('trusts an unchanged, not racily clean file across runs and re-reads anything else', async () => {
    const old = { size: 100, mtimeMs: Date.now() - 60_000 };
    const recent = { size: 100, mtimeMs: Date.now() };
    const first = await ResultCache.open(dir);
    first.set('/p/old.md', old, 'settings', 'sha-old', result);
    first.set('/p/recent.md', recent, 'settings', 'sha-recent', result);
    first.setProbe('/p/readme.md', old, false);
    await first.save();

    const second = await ResultCache.open(dir);
    assert.equal(second.knownContent('/p/old.md', old), 'sha-old');
    assert.deepEqual(fromStored(second.get('/p/old.md', 'settings', 'sha-old')!).client, 'A');
    assert.equal(second.knownContent('/p/old.md', { ...old, size: 101 }), undefined, 'size changed');
    assert.equal(second.knownContent('/p/old.md', { ...old, mtimeMs: old.mtimeMs + 1 }), undefined, 'mtime changed');
    assert.equal(second.knownContent('/p/recent.md', recent), undefined, 'racily clean: modified in the same tick it was read');
    assert.equal(second.get('/p/old.md', 'other settings', 'sha-old'), undefined, 'another config or day');
    assert.equal(second.knownPlaybook('/p/readme.md', old), false);
    assert.equal(second.knownPlaybook('/p/readme.md', { ...old, size: 7 }), undefined);
  });

  it('reuses no output when its data file is gone, and keeps one data file', async () => {
    const fs = await import('node:fs');
    const first = await ResultCache.open(dir);
    first.set('/p/a.md', { size: 1, mtimeMs: 1 }, 's', 'c', result);
    await first.save();
    const second = await ResultCache.open(dir);
    assert.ok(second.get('/p/a.md', 's', 'c'));
    second.set('/p/b.md', { size: 2, mtimeMs: 1 }, 's', 'd', result);
    await second.save();
    const data = fs.readdirSync(dir).filter((f) => f.endsWith('.jsonl'));
    assert.equal(data.length, 1, 'the older data file is removed');
    fs.rmSync(join(dir, data[0]!));
    const third = await ResultCache.open(dir);
    assert.equal(third.get('/p/a.md', 's', 'c'), undefined);
    assert.equal(third.knownContent('/p/a.md', { size: 1, mtimeMs: 1 }), 'c');
  });

  it('saves outputs in path order and reads them back through its window, in any order, short or long', async () => {
    const first = await ResultCache.open(dir);
    // Sizes around the window's (256 KB) and its quarter, so rows straddle its end and some bypass it.
    const sizes = [10, 60_000, 3, 50_000, 300_000, 1, 200_000, 40, 62_000, 5, 61_000, 64_000];
    const expected = new Map<string, string>();
    const paths = sizes.map((n, i) => `/p/${String.fromCharCode(108 - i)}.md`); // l.md, k.md, ... a.md: set in reverse order
    paths.forEach((path, i) => {
      const out = toStored({ client: 'x'.repeat(sizes[i]!), lang: 'en' as const, completeness: { score: i, missing: [] }, findings: [] });
      expected.set(path, out.json as string);
      first.set(path, { size: i, mtimeMs: 0 }, 's', `c${i}`, out);
    });
    await first.save();
    const data = readdirSync(dir).find((f) => f.endsWith('.jsonl'))!;
    const lines = readFileSync(join(dir, data), 'utf8').split('\n');
    assert.deepEqual(lines, [...paths].sort().map((p) => expected.get(p)), 'rows in path order');

    const second = await ResultCache.open(dir);
    const order = [...paths].sort();
    for (const sequence of [order, [...order].reverse(), [order[4]!, order[0]!, order[11]!, order[4]!, order[2]!, order[3]!]]) {
      for (const path of sequence) {
        const i = paths.indexOf(path);
        assert.equal(storedJson(second.get(path, 's', `c${i}`)!), expected.get(path), path);
      }
    }
  });

  it('says a data file shorter than its index is damaged, through the window or not', () => {
    const file = join(dir, 'data.jsonl');
    writeFileSync(file, 'a'.repeat(1000));
    truncateSync(file, 500);
    const small = new CacheData(file, 1000);
    assert.throws(() => small.read(400, 200), /shorter than its index says/);
    assert.equal(small.read(100, 300).toString(), 'a'.repeat(300));
    assert.throws(() => small.read(0, 100_000), /shorter than its index says/);
    small.close();
  });

  it('starts empty from a corrupt cache file', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, CACHE_FILE), '{ not json');
    const cache = await ResultCache.open(dir);
    assert.equal(cache.knownContent('/x.md', { size: 1, mtimeMs: 1 }), undefined);
  });

  it('starts empty from an index cut short, of another version or of another format, and never throws', async () => {
    const first = await ResultCache.open(dir);
    first.set('/p/a.md', { size: 1, mtimeMs: 1 }, 's', 'c', result);
    await first.save();
    const bytes = readFileSync(join(dir, CACHE_FILE));
    const variants: Array<[string, Buffer]> = [
      ['cut short', bytes.subarray(0, bytes.length - 3)],
      ['one byte more', Buffer.concat([bytes, Buffer.from('x')])],
      ['another version', Buffer.from(bytes.toString('latin1').replace('"version":"0.1.0"', '"version":"0.0.9"'), 'latin1')],
      ['no header', bytes.subarray(0, 10)],
      ['empty', Buffer.alloc(0)],
      ['a v4 JSON index', Buffer.from('{"version":"0.1.0","entries":{}}')],
    ];
    for (const [what, variant] of variants) {
      writeFileSync(join(dir, CACHE_FILE), variant);
      const cache = await ResultCache.open(dir);
      assert.equal(cache.knownContent('/p/a.md', { size: 1, mtimeMs: 1 }), undefined, what);
      assert.equal(cache.get('/p/a.md', 's', 'c'), undefined, what);
    }
  });

  it('treats a record whose offsets point outside its index as absent, and the rest as they were', async () => {
    const first = await ResultCache.open(dir);
    first.set('/p/a.md', { size: 1, mtimeMs: 1 }, 's', 'ca', result);
    first.set('/p/b.md', { size: 2, mtimeMs: 1 }, 's', 'cb', result);
    await first.save();
    const bytes = readFileSync(join(dir, CACHE_FILE));
    const records = bytes.indexOf(10, bytes.indexOf(10) + 1) + 1;
    // Record 0 is /p/a.md (path order): its content's offset, then its output's place, point far out.
    const damaged = Buffer.from(bytes);
    damaged.writeInt32LE(1 << 30, records + 40);
    damaged.writeDoubleLE(1e12, records + 24);
    writeFileSync(join(dir, CACHE_FILE), damaged);
    const cache = await ResultCache.open(dir);
    assert.equal(cache.knownContent('/p/a.md', { size: 1, mtimeMs: 1 }), undefined);
    assert.equal(cache.knownContent('/p/b.md', { size: 2, mtimeMs: 1 }), 'cb');
    assert.equal(fromStored(cache.get('/p/b.md', 's', 'cb')!).client, 'A');
    // Its output alone out of place: no output, the content still known.
    const outOnly = Buffer.from(bytes);
    outOnly.writeDoubleLE(1e12, records + 24);
    writeFileSync(join(dir, CACHE_FILE), outOnly);
    const again = await ResultCache.open(dir);
    assert.equal(again.knownContent('/p/a.md', { size: 1, mtimeMs: 1 }), 'ca');
    assert.equal(again.get('/p/a.md', 's', 'ca'), undefined);
    // Lines and owners (read by the formats other than json) of another shape: an error when read, never wrong.
    const extra = Buffer.from(bytes);
    const at = extra.lastIndexOf('[[],[]]');
    extra.write('{"a":1}', at, 'latin1');
    writeFileSync(join(dir, CACHE_FILE), extra);
    const out = (await ResultCache.open(dir)).get('/p/b.md', 's', 'cb')!;
    assert.equal(out.errors, 0);
    assert.throws(() => out.lines, /damaged entry/);
  });

  it('keeps what it did not see this run, and removes the files of older cache versions when it saves', async () => {
    writeFileSync(join(dir, 'cache-v4.json'), '{}');
    writeFileSync(join(dir, 'cache-v4-1-abc.jsonl'), '{}');
    writeFileSync(join(dir, 'notes.txt'), 'mine');
    const first = await ResultCache.open(dir);
    first.set('/p/a.md', { size: 1, mtimeMs: 1 }, 's', 'ca', result);
    first.setProbe('/p/readme.md', { size: 5, mtimeMs: 1 }, false);
    await first.save();
    const second = await ResultCache.open(dir);
    second.set('/p/b.md', { size: 2, mtimeMs: 1 }, 's', 'cb', result);
    const printedLater = second.get('/p/a.md', 's', 'ca')!;
    await second.save();
    assert.deepEqual(readdirSync(dir).filter((f) => !f.endsWith('.jsonl')).sort(), [CACHE_FILE, 'notes.txt']);
    assert.equal(readdirSync(dir).filter((f) => f.endsWith('.jsonl')).length, 1);
    // Read after the save replaced the data file it came from.
    assert.equal(fromStored(printedLater).client, 'A');
    const third = await ResultCache.open(dir);
    assert.equal(fromStored(third.get('/p/a.md', 's', 'ca')!).client, 'A');
    assert.equal(fromStored(third.get('/p/b.md', 's', 'cb')!).client, 'A');
    assert.equal(third.knownPlaybook('/p/readme.md', { size: 5, mtimeMs: 1 }), false);
  });

  it('keeps a file\'s finished output: what the reports print, not fix edits, matched text or adapter data', async () => {
    const finding = {
      ruleId: 'banned-phrase', severity: 'warning' as const, message: 'Avoid a phrase', line: 3, column: 1, endLine: 3, endColumn: 9,
      fixable: true, section: 'goals', key: 'banned-phrase|goals|k', url: 'https://x/banned-phrase',
      fix: { range: { line: 3, column: 1, endLine: 3, endColumn: 9 }, text: 'REPLACEMENT-TEXT' },
      data: { kind: 'phrase' as const, text: 'MATCHED-TEXT' },
    };
    const missing = [{ kind: 'task' as const, id: 't1', title: 'Send the kickoff deck', line: 12 }];
    const out = toStored({ client: 'B', lang: 'ko', completeness: { score: 50, missing }, findings: [finding as never] });
    const cache = await ResultCache.open(dir);
    cache.set('/p/b.md', { size: 1, mtimeMs: 1 }, 's', 'c', out);
    await cache.save();
    const fs = await import('node:fs');
    const text = fs.readdirSync(dir).map((f) => fs.readFileSync(join(dir, f), 'utf8')).join('\n');
    assert.match(text, /Avoid a phrase/);
    assert.doesNotMatch(text, /REPLACEMENT-TEXT|MATCHED-TEXT/);
    const back = fromStored((await ResultCache.open(dir)).get('/p/b.md', 's', 'c')!);
    assert.equal(back.lang, 'ko');
    assert.deepEqual(back.completeness.missing, missing);
    const { fix: _f, data: _d, ...printed } = finding;
    assert.deepEqual(back.findings, [{ ...printed, url: back.findings[0]!.url }]);
    assert.equal(out.errors, 0);
  });
});
