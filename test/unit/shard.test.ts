// Sharding (`--shard i/n`) and `playbook-lint merge`, through the real bin on a real git
// repository: the shards split the playbooks with no file in two shards and none left out,
// a file's shard is its own (adding files moves no other, the current folder does not
// matter), and the merge of the shards' JSON is one run's JSON byte for byte, with the
// exit code of one run, for n = 1, 2, 3 and 7.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseShard, shardOf } from '../../src/node/shard.js';
import { BIN, buildPrRepo, commitAll, initRepo, removeDir, ROOT, tempDir, TODAY, write } from '../fixtures/diff/repo.js';

interface Run { code: number; stdout: string; stderr: string }
interface Entry { file: string; findings: Array<{ severity: string }> }

function run(args: string[], cwd: string): Promise<Run> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { cwd, env: { ...process.env, LANG: 'C', NO_COLOR: '1' }, maxBuffer: 1 << 26 },
      (error, stdout, stderr) => resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr }));
  });
}

/** Playbooks from the test fixtures under many client folders, README files beside them. */
function buildCorpus(dir: string): void {
  initRepo(dir);
  const sources = [
    ...['acme.md', 'gaps.md', 'new.md'].map((f) => join(ROOT, 'test/fixtures/cli/basic', f)),
    ...readdirSync(join(ROOT, 'test/fixtures/diff/head/clients')).map((f) => join(ROOT, 'test/fixtures/diff/head/clients', f)),
    join(ROOT, 'test/fixtures/engine/korean.md'),
  ];
  for (let i = 0; i < 36; i++) {
    const text = readFileSync(sources[i % sources.length]!, 'utf8');
    const team = ['north', 'south', 'east'][i % 3]!;
    write(dir, `${team}/client-${i}/playbook.md`, text.replace(/^client: .*$/m, `client: "Client ${i}"`));
    if (i % 5 === 0) write(dir, `${team}/client-${i}/README.md`, `# Client ${i}\n\nNotes, not a playbook.\n`);
  }
  commitAll(dir, 'playbooks');
}

describe('sharding and merge', function () {
  this.timeout(180_000);
  let dir: string;
  let repo: string;
  let single: Run;
  const common = ['--format', 'json', '--no-cache', '--today', TODAY];

  before(async () => {
    dir = tempDir('shard');
    repo = join(dir, 'repo');
    buildCorpus(repo);
    single = await run([...common, '.'], repo);
    assert.equal(single.code, 1, single.stderr);
    assert.equal((JSON.parse(single.stdout) as Entry[]).length, 36);
  });
  after(() => removeDir(dir));

  for (const n of [1, 2, 3, 7]) {
    it(`n = ${n}: the shards split the playbooks, and their merge is one run's JSON and exit code`, async () => {
      const inputs: string[] = [];
      const seen = new Map<string, number>();
      const byFile = new Map<string, string>();
      for (let i = 1; i <= n; i++) {
        const r = await run([...common, '--shard', `${i}/${n}`, '.'], repo);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        const entries = JSON.parse(r.stdout) as Entry[];
        assert.equal(r.code, entries.some((e) => e.findings.some((f) => f.severity === 'error')) ? 1 : 0, 'a shard exits as its own run');
        for (const e of entries) {
          assert.ok(!seen.has(e.file), `${e.file} is in shards ${seen.get(e.file)} and ${i}`);
          seen.set(e.file, i);
          byFile.set(e.file, JSON.stringify(e));
        }
        const file = join(dir, `shard-${n}-${i}.json`);
        writeFileSync(file, r.stdout);
        inputs.push(file);
      }
      // The union, file for file, is the single run.
      const all = JSON.parse(single.stdout) as Entry[];
      assert.deepEqual([...byFile.keys()].sort(), all.map((e) => e.file).sort());
      for (const e of all) assert.equal(byFile.get(e.file), JSON.stringify(e), e.file);
      if (n === 7) assert.ok(new Set(seen.values()).size >= 5, 'the files are spread over the shards');

      const merged = await run(['merge', '--format', 'json', ...inputs.reverse()], repo);
      assert.equal(merged.stderr, '');
      assert.equal(merged.code, single.code);
      assert.equal(merged.stdout, single.stdout);
    });
  }

  it('merge gives the other formats with one run\'s summary and exit code', async () => {
    const inputs = [];
    for (const i of [1, 2, 3]) {
      const r = await run([...common, '--shard', `${i}/3`, '.'], repo);
      const file = join(dir, `s3-${i}.json`);
      writeFileSync(file, r.stdout);
      inputs.push(file);
    }
    const stylish = await run(['merge', ...inputs], repo);
    const one = await run(['--no-cache', '--today', TODAY, '.'], repo);
    assert.equal(stylish.code, 1);
    const lastLine = (s: string) => s.trim().split('\n').at(-1);
    assert.equal(lastLine(stylish.stdout), lastLine(one.stdout), 'counts and average completeness over all files');
    const md = await run(['merge', '--format', 'markdown', ...inputs], repo);
    assert.match(md.stdout, /\*\*36 playbooks: \d+ errors?, \d+ warnings?, average completeness \d+%\*\*/);
    const gh = await run(['merge', '--format', 'github', ...inputs], repo);
    assert.equal(gh.stdout, (await run(['--format', 'github', '--no-cache', '--today', TODAY, '.'], repo)).stdout);
  });

  it('a file keeps its shard when files are added and whatever the current folder', async () => {
    const paths = Array.from({ length: 200 }, (_, i) => `team/client-${i}/playbook.md`);
    const before = paths.map((p) => shardOf(p, 7));
    const more = [...paths, ...Array.from({ length: 50 }, (_, i) => `new/c-${i}.md`)];
    assert.deepEqual(more.slice(0, 200).map((p) => shardOf(p, 7)), before);
    const counts = [1, 2, 3, 4, 5, 6, 7].map((s) => before.filter((x) => x === s).length);
    assert.ok(Math.min(...counts) >= 15, `shards are balanced: ${counts.join(' ')}`);
    // From a sub-folder, the same files of that folder are in shard 2/3 (paths relative to the repository root).
    const top = (JSON.parse((await run([...common, '--shard', '2/3', '.'], repo)).stdout) as Entry[])
      .map((e) => e.file).filter((f) => f.startsWith('north/')).map((f) => f.slice('north/'.length));
    const sub = (JSON.parse((await run([...common, '--shard', '2/3', '.'], join(repo, 'north'))).stdout) as Entry[]).map((e) => e.file);
    assert.deepEqual(sub, top);
  });

  it('bad --shard values and bad merge inputs are usage errors (exit 2)', async () => {
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1', '2/2/2']) {
      assert.throws(() => parseShard(bad), /--shard takes i\/n/);
      assert.equal((await run([...common, '--shard', bad, '.'], repo)).code, 2, bad);
    }
    writeFileSync(join(dir, 'not-json.json'), '{');
    writeFileSync(join(dir, 'object.json'), '{"files": []}');
    writeFileSync(join(dir, 'bad-entry.json'), '[{"file": "a.md", "client": null, "completeness": {"score": 101, "missing": []}, "findings": []}]');
    for (const f of ['not-json.json', 'object.json', 'bad-entry.json', 'missing.json']) {
      const r = await run(['merge', join(dir, f)], repo);
      assert.equal(r.code, 2, f);
      assert.match(r.stderr, new RegExp(f.replace('.', '\\.')));
    }
    assert.equal((await run(['merge'], repo)).code, 2);
    // One file in two inputs with different results: not shards of one run.
    const a = JSON.parse(single.stdout) as Array<Record<string, unknown>>;
    writeFileSync(join(dir, 'x1.json'), JSON.stringify([a[0]]));
    writeFileSync(join(dir, 'x2.json'), JSON.stringify([{ ...a[0], client: 'Someone else' }]));
    const clash = await run(['merge', join(dir, 'x1.json'), join(dir, 'x2.json')], repo);
    assert.equal(clash.code, 2);
    assert.match(clash.stderr, /also in .*x1\.json/);
  });

  it('diff --shard: the merged shards of a pull-request report are one diff run\'s JSON, terminal report and exit code', async () => {
    const pr = buildPrRepo(join(dir, 'pr'));
    const args = ['diff', '--base', 'main', '--head', 'pr', '--today', TODAY];
    const one = await run([...args, '--format', 'json'], pr.dir);
    assert.equal(one.code, 1, one.stderr);
    const count = (JSON.parse(one.stdout) as { files: unknown[] }).files.length;
    assert.ok(count >= 3);
    for (const n of [2, 3]) {
      const inputs: string[] = [];
      let total = 0;
      for (let i = 1; i <= n; i++) {
        const r = await run([...args, '--format', 'json', '--shard', `${i}/${n}`], pr.dir);
        assert.ok(r.code === 0 || r.code === 1, r.stderr);
        total += (JSON.parse(r.stdout) as { files: unknown[] }).files.length;
        inputs.push(join(dir, `diff-${n}-${i}.json`));
        writeFileSync(inputs.at(-1)!, r.stdout);
      }
      assert.equal(total, count, 'each changed playbook in exactly one shard');
      const merged = await run(['merge', '--format', 'json', ...inputs], pr.dir);
      assert.equal(merged.stderr, '');
      assert.equal(merged.code, one.code);
      assert.equal(merged.stdout, one.stdout);
      const stylish = await run(['merge', ...inputs], pr.dir);
      assert.equal(stylish.stdout, (await run(args, pr.dir)).stdout);
      const gh = await run(['merge', '--format', 'github', ...inputs], pr.dir);
      assert.equal(gh.stdout, (await run([...args, '--format', 'github'], pr.dir, )).stdout);
    }
    const refused = await run(['merge', '--format', 'sarif', join(dir, 'diff-2-1.json')], pr.dir);
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /json, stylish or github/);
  });
});
