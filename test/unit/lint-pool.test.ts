// The CLI's lint workers (src/node/lint-pool.ts) with real worker threads: each result
// comes back at the index its file was given, whatever order the workers finish in (the
// largest waiting file goes first); a file over its budget is given up and the file
// queued behind it on the same worker goes to a fresh one; no file, no worker. No
// timing assertions: a hang would run into mocha's timeout.
import assert from 'node:assert/strict';
import { bundledPacks, bundledProfile, createLinter } from '../../src/core/index.js';
import type { CachedResult } from '../../src/node/cache.js';
import { ConfigResolver } from '../../src/node/config-loader.js';
import { CliLintPool, type WorkerOutput } from '../../src/node/lint-pool.js';
import { storedJson, toStored } from '../../src/node/output.js';
import { WARM_UP_EN, WARM_UP_KO } from '../../src/worker/warm-up.js';
import { ROOT as root } from './helpers.js';

const TODAY = '2026-11-25';
const playbook = (i: number) =>
  `---\nclient: Client ${i}\n---\n\n# Client ${i}\n\n## Goals\n\n${'We will leverage synergies. '.repeat(1 + ((i * 37) % 50))}\n`;
/** As slow as the guards let a file be: about 1 s of CPU (cli.test.ts). */
const SLOW = `---\nclient: Slow Co\n---\n\n${'a\r'.repeat(42_000)}`;

describe('CLI lint workers', function () {
  this.timeout(120_000);
  const options = async (baseMs = 60_000, overBudget = async (_ms: number): Promise<CachedResult> => { throw new Error('no file should be over its budget'); }) => ({
    loaded: await new ConfigResolver().load(null, root), locale: 'en' as const, today: TODAY, baseMs, needResults: false, needTasks: true,
    max: 2, eager: false, overBudget,
  });

  it('gives each file its own result, at the index add() returned, as the engine lints it', async () => {
    const pool = new CliLintPool(await options());
    const texts = Array.from({ length: 45 }, (_, i) => playbook(i));
    const ids = texts.map((t) => pool.add(Buffer.from(t)));
    assert.deepEqual(ids, texts.map((_, i) => i));
    const results = await pool.end();
    const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
    texts.forEach((t, i) => {
      const r = results[i] as WorkerOutput;
      const expected = linter.lint(t, { today: TODAY });
      assert.equal(storedJson(r.stored), storedJson(toStored(expected)), `file ${i}`);
      assert.deepEqual(r.tasks, expected.tasks, `file ${i}`);
    });
  });

  it('sends no tasks when the run prints none (needTasks: false)', async () => {
    const pool = new CliLintPool({ ...(await options()), needTasks: false });
    const text = `${playbook(3)}\n## Next steps\n\n- [ ] Send the kickoff deck @sam due:2026-11-20\n`;
    pool.add(Buffer.from(text));
    const [r] = await pool.end();
    assert.equal((r as WorkerOutput).tasks, undefined);
    assert.match(storedJson((r as WorkerOutput).stored), /"client":"Client 3"/);
    const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
    assert.ok(linter.lint(text, { today: TODAY }).tasks!.length > 0, 'the text has a task to leave out');
  });

  it('gives up a file over its budget and lints the file queued behind it on a fresh worker', async () => {
    const given: number[] = [];
    const pool = new CliLintPool(await options(350, async (ms) => {
      given.push(ms);
      return { client: null, owner: null, lang: 'en', completeness: { score: 0, missing: [] }, findings: [] };
    }));
    // One worker (two files): the slow one is the larger, so it goes first and the other waits behind it.
    pool.add(Buffer.from(SLOW));
    pool.add(Buffer.from(playbook(1)));
    const [slow, quick] = await pool.end();
    assert.equal(given.length, 1);
    assert.ok(given[0]! >= 350);
    assert.equal((slow as CachedResult).client, null);
    assert.match(storedJson((quick as WorkerOutput).stored), /"client":"Client 1"/);
  });

  it('gives up a file in the middle of a batch: the files before it (done, not yet sent back) and after it are linted anew', async () => {
    const given: number[] = [];
    const pool = new CliLintPool(await options(120, async (ms) => {
      given.push(ms);
      return { client: null, owner: null, lang: 'en', completeness: { score: 0, missing: [] }, findings: [] };
    }));
    // The first two files go out at once, a batch each; the others wait. Largest first, the next
    // batch holds the long paragraph (40 KB, a few tens of ms) and then the slow file (34 KB
    // of short lines ending in a lone CR, parsed whole: about 0.4 s, three times its budget);
    // the quick one waits behind them.
    const para = `---\nclient: Para Co\n---\n\n${'word '.repeat(8000)}\n`;
    const slow = `---\nclient: Slow Co\n---\n\n${'a\r'.repeat(17_000)}`;
    assert.ok(para.length > slow.length && para.length + slow.length < 128 * 1024);
    for (const text of [playbook(0), playbook(1), slow, para, playbook(2)]) pool.add(Buffer.from(text));
    const results = await pool.end();
    assert.equal(given.length, 1);
    assert.equal((results[2] as CachedResult).client, null);
    const clients = results.map((r) => ('stored' in r ? /"client":"([^"]+)"/.exec(storedJson(r.stored))?.[1] : null));
    assert.deepEqual(clients, ['Client 0', 'Client 1', null, 'Para Co', 'Client 2']);
  });

  // A worker lints these before its first file, so the file's budget is not charged the
  // compiling of the parser and rules: they must reach the rules a real playbook reaches.
  it('warms up on an English and a Korean playbook that reach the phrase, section, schema and task rules', () => {
    const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
    for (const [text, lang] of [[WARM_UP_EN, 'en'], [WARM_UP_KO, 'ko']] as const) {
      const r = linter.lint(text, { today: TODAY });
      assert.equal(r.lang, lang);
      assert.ok(r.client, lang);
      const rules = new Set(r.findings.map((f) => f.ruleId));
      for (const rule of ['banned-phrase', 'required-section', 'frontmatter-schema']) assert.ok(rules.has(rule), `${lang}: ${rule}`);
      assert.ok(r.tasks!.length > 0, `${lang}: tasks`);
    }
  });

  it('starts no worker when no file is added', async () => {
    assert.deepEqual(await new CliLintPool(await options()).end(), []);
  });
});
