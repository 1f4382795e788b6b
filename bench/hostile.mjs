// `node bench/hostile.mjs [--sizes 4,16,64,256,1024] [--cap S] [--only a,b] [--json]` (also
// `npm run bench -- --hostile`): inputs made to be slow. Each family is generated at
// each size (after a valid frontmatter), linted by the engine as the CLI bundles it (dist/engine.js, the
// same lint() the CLI's workers and the extension's worker run, guards included), and
// timed on one core: CPU time of the process that lints it (its own child process), so a
// busy machine inflates the figures less than wall time would. The report gives the time per KB at each size and flags a family
// whose cost per KB at the largest size is more than twice that at 16 KB (super-linear),
// and any lint over 2 s (the issue's target: no input up to 1 MB takes more than 2 s on
// one core to lint or to refuse). Each measurement runs in a child process stopped after
// --cap seconds of wall time (default 20): a family that hits the cap is reported as such
// and its larger sizes are skipped.
import { spawn } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { existsSync } from 'node:fs';

const HERE = dirname(fileURLToPath(import.meta.url));
// The engine as the CLI ships it (micromark with our EditMap, src/core/parse/edit-map.ts).
const CORE = join(HERE, '..', 'dist', 'engine.js');

const FRONTMATTER = '---\nclient: Hostile Co\nstart_date: 2026-01-05\nowner: Sam\nreporting_cadence: weekly\n---\n\n# Hostile\n\n';

/** Repeat `unit(i)` until the text reaches `bytes`. */
const fill = (bytes, unit, head = FRONTMATTER) => {
  const parts = [head];
  let n = head.length;
  for (let i = 0; n < bytes; i++) { const u = unit(i); parts.push(u); n += u.length; }
  return parts.join('');
};
/** One block of `count` nested openers, the rest filled with text at that depth. */
const nest = (bytes, open, depth, leaf = 'a') => fill(bytes, () => `${open.repeat(depth)}${leaf}\n`);

/** name -> (bytes) => text. The first three are the issue's. */
export const FAMILIES = {
  'ordered "1. 1. 1. a"': (b) => fill(b, () => '1. 1. 1. a\n'),
  'bullets "- - a"': (b) => fill(b, () => '- - a\n'),
  'setext "a" / "="': (b) => fill(b, () => 'a\n=\n'),
  'setext "a" / "-"': (b) => fill(b, () => 'a\n-\n'),
  'setext, long paragraph': (b) => fill(b, (i) => (i % 20 === 19 ? '===\n' : 'line of a paragraph\n')),
  'bullets "- a" nested 8': (b) => nest(b, '- ', 8),
  'ordered nested 8': (b) => nest(b, '1. ', 8),
  'quotes "> > > a"': (b) => fill(b, () => '> > > a\n'),
  'quote + list "> - > - a"': (b) => fill(b, () => '> - > - a\n'),
  'indent ladder (list)': (b) => fill(b, (i) => `${'  '.repeat(i % 60)}- a\n`),
  'indent ladder (quote)': (b) => fill(b, (i) => `${'>'.repeat(i % 60)} a\n`),
  'lazy lines in a list': (b) => fill(b, (i) => (i % 2 ? 'lazy continuation\n' : '- item\n')),
  'lazy lines in a quote': (b) => fill(b, (i) => (i % 2 ? 'lazy continuation\n' : '> quoted\n')),
  'one lazy paragraph in a deep list': (b) => fill(b, () => 'lazy\n', `${FRONTMATTER}- - - - - - a\n`),
  'list items, blank lines': (b) => fill(b, () => '- a\n\n'),
  'link reference definitions': (b) => fill(b, (i) => `[ref${i}]: https://example.com/${i} "title"\n`),
  'link definitions, blank lines': (b) => fill(b, (i) => `[ref${i}]: /u${i}\n\n`),
  'reference links': (b) => fill(b, (i) => `[x][ref${i % 50}] `, `${FRONTMATTER}${Array.from({ length: 50 }, (_, i) => `[ref${i}]: /u${i}\n`).join('')}\n`),
  'open brackets "["': (b) => fill(b, () => '['),
  'open images "!["': (b) => fill(b, () => '!['),
  'unclosed links "[a]("': (b) => fill(b, () => '[a]('),
  'brackets "[]" pairs': (b) => fill(b, () => '[a]'),
  'closing brackets "]"': (b) => fill(b, () => ']'),
  'emphasis "*a" in one paragraph': (b) => fill(b, () => '*a '),
  'emphasis "_a_" words': (b) => fill(b, () => '_a_ '),
  'strong "**a" unclosed': (b) => fill(b, () => '**a '),
  'emphasis per line "*a*"': (b) => fill(b, () => '*a* b **c**\n'),
  'backticks of growing length': (b) => fill(b, (i) => `${'`'.repeat(1 + (i % 40))}a `),
  'unclosed code spans "`a"': (b) => fill(b, () => '`a '),
  'HTML blocks "<div>"': (b) => fill(b, () => '<div>\n'),
  'unclosed HTML comment': (b) => fill(b, () => 'text\n', `${FRONTMATTER}<!--\n`),
  'HTML comments (controls)': (b) => fill(b, (i) => `<!-- playbook-lint-disable-next-line jargon -->\nline ${i}\n`),
  'inline HTML "<a"': (b) => fill(b, () => '<a '),
  'autolinks unclosed "<http:"': (b) => fill(b, () => '<http://a '),
  'entities "&amp;"': (b) => fill(b, () => '&amp; &#123; &bogus; '),
  'one long line': (b) => fill(b, (i) => `word${i} `),
  'short lines "a"': (b) => fill(b, () => 'a\n'),
  'short paragraphs "a" + blank': (b) => fill(b, () => 'a\n\n'),
  'blank lines': (b) => fill(b, () => '\n'),
  'code spans "`a`"': (b) => fill(b, () => '`a` '),
  'long lines of words': (b) => fill(b, () => `${'lorem ipsum dolor '.repeat(100)}\n`),
  'ATX headings': (b) => fill(b, (i) => `## Heading ${i}\n`),
  'canonical section headings': (b) => fill(b, (i) => `## ${['Goals', 'Contacts', 'Timeline', 'Scope', 'Budget', 'Risks'][i % 6]}\n\ntext\n\n`),
  'empty headings "#"': (b) => fill(b, () => '#\n'),
  'tasks': (b) => fill(b, (i) => `- [ ] task ${i} due 2026-0${1 + (i % 9)}-1${i % 10}\n`),
  'tasks, done, nested': (b) => fill(b, (i) => `${'  '.repeat(i % 4)}- [x] done ${i}\n`),
  'fenced code, unclosed': (b) => fill(b, () => 'code line\n', `${FRONTMATTER}\`\`\`\n`),
  'fences open and close': (b) => fill(b, () => '```\na\n```\n'),
  'indented code': (b) => fill(b, () => '    code\n'),
  'tables (pipes)': (b) => fill(b, () => '| a | b | c |\n'),
  'banned phrases and jargon': (b) => fill(b, () => 'As per my last email, we will leverage synergies going forward. '),
  'Korean phrases and jargon': (b) => fill(b, () => '솔직히 말하면 제 생각에는 리타게팅 패러다임이 필요합니다. '),
  'thematic breaks "***"': (b) => fill(b, () => '***\n'),
  'frontmatter: many keys': (b) => `${fill(b, (i) => `key${i}: value ${i}\n`, '---\nclient: Hostile Co\n')}---\n\n# T\n`,
  'frontmatter: long string': (b) => `---\nclient: Hostile Co\nnotes: "${'x'.repeat(Math.max(0, b - 60))}"\n---\n\n# T\n`,
  'frontmatter: deep flow "[["': (b) => `---\nclient: Hostile Co\nx: ${'['.repeat(Math.max(0, b - 60))}\n---\n\n# T\n`,
  'frontmatter: block list': (b) => `${fill(b, (i) => `  - item ${i}\n`, '---\nclient: Hostile Co\nitems:\n')}---\n\n# T\n`,
  'frontmatter: anchors and aliases': (b) => `${fill(b, (i) => `k${i}: &a${i} v\nr${i}: *a${i}\n`, '---\nclient: Hostile Co\n')}---\n\n# T\n`,
  'frontmatter: unclosed': (b) => fill(b, (i) => `key${i}: v\n`, '---\nclient: Hostile Co\n'),
  'frontmatter: unclosed, CRLF': (b) => fill(b, (i) => `key${i}: v\r\n`, '---\r\nclient: Hostile Co\r\n'),
  'line endings "\\r"': (b) => fill(b, () => '- a\r'),
};

function measureInChild(family, bytes, capMs, edge = false) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [fileURLToPath(import.meta.url), '--child', family, String(bytes), ...(edge ? ['edge'] : [])], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => { out += d; });
    child.stderr.on('data', (d) => { err += d; });
    const timer = setTimeout(() => { child.kill('SIGKILL'); resolve({ capped: true }); }, capMs);
    child.on('close', (code) => {
      clearTimeout(timer);
      try { resolve(JSON.parse(out)); } catch { resolve(code === null ? { capped: true } : { error: err.slice(0, 300) || `exit ${code}` }); }
    });
  });
}

// ------------------------------------------------------------------ child side
const isMain = !process.argv.includes('--child');
if (!isMain) {
  const i = process.argv.indexOf('--child');
  const family = process.argv[i + 1];
  const core = await import(pathToFileURL(CORE).href);
  const linter = core.createLinter({ profile: core.bundledProfile(), packs: core.bundledPacks() });
  let bytes = Number(process.argv[i + 2]);
  // "edge": the largest input of the family up to that size that the guards let through
  // (to 1 KB), where linting costs the most; a refused input costs only its scan.
  if (process.argv[i + 3] === 'edge') {
    const t = core.translator('en');
    const accepted = (b) => core.refusal(FAMILIES[family](b), t) === null;
    if (!accepted(bytes)) {
      let lo = 0;
      let hi = bytes;
      while (hi - lo > 1024) { const mid = (lo + hi) >> 1; if (accepted(mid)) lo = mid; else hi = mid; }
      bytes = lo;
    }
  }
  linter.lint(FAMILIES[family](2048), { today: '2026-06-30' }); // warm-up
  const text = FAMILIES[family](bytes);
  const times = [];
  let result;
  const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
  const started = cpu();
  // At least 3 runs, more for fast ones (about 300 ms of CPU in all), the median reported.
  while (times.length < 3 || (cpu() - started < 300 && times.length < 50)) {
    const t0 = cpu();
    result = linter.lint(text, { today: '2026-06-30' });
    times.push(cpu() - t0);
    if (times[0] > 2000) break;
  }
  times.sort((a, b) => a - b);
  const refused = result.findings.find((f) => f.ruleId === 'file-unreadable');
  process.stdout.write(JSON.stringify({ ms: times[times.length >> 1], bytes: text.length, refused: refused ? refused.message : null }));
}

// ------------------------------------------------------------------ main
export async function runHostile({ sizes = [4, 16, 64, 256, 1024], capS = 20, only, log = (m) => process.stderr.write(m + '\n') } = {}) {
  if (!existsSync(CORE)) throw new Error(`missing ${CORE} (npm run build)`);
  const rows = [];
  for (const family of Object.keys(FAMILIES)) {
    if (only && !only.some((o) => family.includes(o))) continue;
    const row = { family, cells: [] };
    let stop = false;
    for (const kb of sizes) {
      if (stop) { row.cells.push({ kb, skipped: true }); continue; }
      const m = await measureInChild(family, kb * 1024, capS * 1000);
      if (m.capped) { row.cells.push({ kb, capped: true }); stop = true; continue; }
      if (m.error) { row.cells.push({ kb, error: m.error }); stop = true; continue; }
      row.cells.push({ kb, ms: m.ms, msPerKb: m.ms / (m.bytes / 1024), refused: m.refused });
    }
    // Refused at the largest size: what does the largest input the guards let through cost?
    const largest = row.cells[row.cells.length - 1];
    if (largest.refused) {
      const m = await measureInChild(family, largest.kb * 1024, capS * 1000, true);
      row.edge = m.capped ? { capped: true } : m.error ? { error: m.error } : { kb: m.bytes / 1024, ms: m.ms };
    }
    const at = (kb) => row.cells.find((c) => c.kb === kb && c.msPerKb !== undefined);
    const measured = row.cells.filter((c) => c.msPerKb !== undefined);
    const base = at(16) ?? measured[0];
    const last = measured[measured.length - 1];
    // Growth to under 0.2 ms/KB is noise, not growth: a refusal's scan of 1 MB measured 0.06-0.08
    // ms/KB in a warm process and 0.115 in the bench's fresh one; 0.2 ms/KB is 0.2 s a megabyte, a
    // tenth of the target.
    row.superlinear = row.cells.some((c) => c.capped) || (!!base && !!last && last !== base && last.msPerKb > 2 * Math.max(base.msPerKb, 0.1));
    row.over2s = row.cells.some((c) => c.capped || (c.ms ?? 0) > 2000) || !!row.edge?.capped || (row.edge?.ms ?? 0) > 2000;
    row.refused = measured.filter((c) => c.refused).map((c) => c.kb);
    rows.push(row);
    log(`${family}: ${row.cells.map((c) => (c.capped ? `${c.kb}K >${capS}s` : c.skipped ? `${c.kb}K -` : c.error ? `${c.kb}K error` : `${c.kb}K ${c.msPerKb.toFixed(3)}${c.refused ? 'R' : ''}`)).join('  ')}${row.edge ? `  edge ${edgeText(row.edge, capS)}` : ''}${row.superlinear ? '  SUPER-LINEAR' : ''}`);
  }
  return { sizes, capS, rows };
}

const edgeText = (e, capS) => (e.capped ? `>${capS}s` : e.error ? 'error' : `${Math.round(e.kb)} KB ${(e.ms / 1000).toFixed(2)} s`);

export function formatHostile({ sizes, capS, rows }) {
  const pad = (s, n) => String(s).padEnd(n);
  const lpad = (s, n) => String(s).padStart(n);
  const out = [];
  out.push(`hostile inputs: lint CPU time per KB (ms/KB, median, one core); R = refused by a guard (one file-unreadable finding); cap ${capS} s of wall time per measurement`);
  out.push(`"largest let through": where the largest size is refused, the largest input of the family the guards let through (to 1 KB), and its lint CPU time`);
  out.push(`${pad('family', 38)} ${sizes.map((s) => lpad(`${s} KB`, 10)).join(' ')}  ${pad('largest let through', 20)} verdict`);
  out.push('-'.repeat(38 + sizes.length * 11 + 34));
  for (const r of rows) {
    const cells = r.cells.map((c) => lpad(c.capped ? `>${capS}s` : c.skipped ? '-' : c.error ? 'error' : `${c.msPerKb < 10 ? c.msPerKb.toFixed(3) : c.msPerKb.toFixed(0)}${c.refused ? 'R' : ' '}`, 10));
    const verdict = r.superlinear ? 'SUPER-LINEAR' : r.over2s ? 'OVER 2 s' : 'linear';
    out.push(`${pad(r.family, 38)} ${cells.join(' ')}  ${pad(r.edge ? edgeText(r.edge, capS) : '', 20)} ${verdict}`);
  }
  const bad = rows.filter((r) => r.superlinear || r.over2s);
  out.push('');
  out.push(bad.length ? `FAIL: ${bad.length} of ${rows.length} families grow faster than linearly or take over 2 s (${bad.map((r) => r.family).join('; ')})`
    : `all ${rows.length} families linear and under 2 s at ${sizes[sizes.length - 1]} KB`);
  return out.join('\n');
}

if (isMain && process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const args = process.argv.slice(2);
  const opt = (name) => { const i = args.indexOf(name); return i >= 0 ? args[i + 1] : undefined; };
  const sizes = opt('--sizes')?.split(',').map(Number) ?? [4, 16, 64, 256, 1024];
  const report = await runHostile({ sizes, capS: Number(opt('--cap') ?? 20), only: opt('--only')?.split(',') });
  process.stdout.write(args.includes('--json') ? JSON.stringify(report, null, 2) + '\n' : formatHostile(report) + '\n');
}
