// The result cache's rules for trusting a file without reading it (like git's index).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultCache } from '../../src/node/cache.js';

const result = { client: 'A', lang: 'en' as const, completeness: { score: 100, missing: [] }, findings: [] };

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
    assert.deepEqual(second.get('/p/old.md', 'settings', 'sha-old')?.client, 'A');
    assert.equal(second.knownContent('/p/old.md', { ...old, size: 101 }), undefined, 'size changed');
    assert.equal(second.knownContent('/p/old.md', { ...old, mtimeMs: old.mtimeMs + 1 }), undefined, 'mtime changed');
    assert.equal(second.knownContent('/p/recent.md', recent), undefined, 'racily clean: modified in the same tick it was read');
    assert.equal(second.get('/p/old.md', 'other settings', 'sha-old'), undefined, 'another config or day');
    assert.equal(second.knownPlaybook('/p/readme.md', old), false);
    assert.equal(second.knownPlaybook('/p/readme.md', { ...old, size: 7 }), undefined);
  });

  it('starts empty from a corrupt cache file', async () => {
    const { writeFileSync } = await import('node:fs');
    writeFileSync(join(dir, 'cache-v2.json'), '{ not json');
    const cache = await ResultCache.open(dir);
    assert.equal(cache.knownContent('/x.md', { size: 1, mtimeMs: 1 }), undefined);
  });
});
