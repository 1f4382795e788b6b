// The secret rule's share of lint time (issue 9: under 10% of a full lint), in process,
// on the bench corpus. Each round times, per playbook and interleaved (alternating which
// goes first), the full lint and the rule's own work on the same text (secretlint's
// preset through @secretlint/core, then the password fields); the share is the sum of
// the latter over the sum of the former, the median of the rounds. As a cross-check it
// also times the linter with `secret` off (1 - off/on: noisier, as it is a difference of
// two large numbers). Also prints how many secret findings the corpus gets (it holds no
// credentials: each one is a false positive).
//
//   node bench/secret-share.mjs [--quick] [--rounds N]   -> prints JSON (run `npm run build` first)
//
// `npm run bench` runs it (measureSecretShare) and reports the share against the target.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { BENCH_DIR, ensureCorpus } from './corpus.mjs';

function markdownFiles(dir) {
  return readdirSync(dir).flatMap((name) => {
    if (name.startsWith('.')) return [];
    const p = join(dir, name);
    return statSync(p).isDirectory() ? markdownFiles(p) : name.endsWith('.md') ? [p] : [];
  }).sort();
}

/** { share, ruleMs, onMs, offMs, offShare, files, bytes, findings, rounds }: times are sums over the corpus, medians of the rounds. */
export async function measureSecretShare({ quick = false, rounds = 5, log = () => {} } = {}) {
  const out = (p) => pathToFileURL(join(BENCH_DIR, '..', 'out', 'src', 'core', p)).href;
  const core = await import(out('index.js'));
  const { scanTokens } = await import(out('secrets/tokens.js'));
  const { compileSecretFields } = await import(out('secrets/fields.js'));
  const { dir } = ensureCorpus({ quick, log });
  // Playbooks only (the READMEs are not linted by a folder run); the giant ones too: they are part of a full lint.
  const texts = markdownFiles(dir).map((p) => readFileSync(p, 'utf8')).filter((t) => /^---\r?\n[^]*?\bclient:/.test(t));
  const on = core.createLinter({ profile: core.bundledProfile(), packs: core.bundledPacks() });
  const off = core.createLinter({ profile: core.bundledProfile(), packs: core.bundledPacks(), rules: { secret: 'off' } });
  const today = '2026-06-30';
  let findings = 0;
  for (const t of texts) findings += on.lint(t, { today }).findings.filter((f) => f.ruleId === 'secret').length;
  for (const t of texts.slice(0, 50)) off.lint(t, { today });
  const packs = core.bundledPacks();
  const fields = { en: compileSecretFields(packs, 'en'), ko: compileSecretFields(packs, 'ko') };
  const rule = (t) => scanTokens(t).length + (/^lang:\s*ko/m.test(t) ? fields.ko : fields.en).find(t).length;
  const onMs = [];
  const offMs = [];
  const ruleMs = [];
  for (let r = 0; r < rounds; r++) {
    let a = 0;
    let b = 0;
    let c = 0;
    texts.forEach((t, i) => {
      const steps = [[() => on.lint(t, { today }), 0], [() => off.lint(t, { today }), 1], [() => rule(t), 2]];
      if ((i + r) % 2) steps.reverse();
      for (const [fn, which] of steps) {
        const t0 = performance.now();
        fn();
        const ms = performance.now() - t0;
        if (which === 0) a += ms; else if (which === 1) b += ms; else c += ms;
      }
    });
    onMs.push(a);
    offMs.push(b);
    ruleMs.push(c);
    log(`  round ${r + 1}: lint ${a.toFixed(0)} ms, of which the secret rule ${c.toFixed(0)} ms (${((100 * c) / a).toFixed(1)}%); lint with it off ${b.toFixed(0)} ms`);
  }
  const median = (xs) => { const s = [...xs].sort((x, y) => x - y); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
  const onMedian = median(onMs);
  const offMedian = median(offMs);
  const shares = onMs.map((a, k) => ruleMs[k] / a);
  return { share: median(shares), ruleMs: median(ruleMs), onMs: onMedian, offMs: offMedian, offShare: Math.max(0, 1 - offMedian / onMedian), files: texts.length,
    bytes: texts.reduce((n, t) => n + Buffer.byteLength(t), 0), findings, rounds };
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const i = args.indexOf('--rounds');
  const r = await measureSecretShare({ quick: args.includes('--quick'), rounds: i >= 0 ? Number(args[i + 1]) : 5, log: (m) => process.stderr.write(`${m}\n`) });
  process.stderr.write(`secret rule: ${(r.share * 100).toFixed(1)}% of lint time (${r.ruleMs.toFixed(0)} of ${r.onMs.toFixed(0)} ms on ${r.files} playbooks; with it off: ${r.offMs.toFixed(0)} ms, ${(r.offShare * 100).toFixed(1)}% less); ${r.findings} secret findings in the corpus\n`);
  process.stdout.write(`${JSON.stringify(r)}\n`);
}
