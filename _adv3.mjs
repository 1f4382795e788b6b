import { tokenize } from './out/src/core/parse/markdown.js';
const cases = { 'a_b ': 20000, '_a': 20000, '**a': 20000, 'a* ': 20000, '*a ': 20000, ' *': 20000, 'x*y*z ': 10000 };
for (const [p, n] of Object.entries(cases)) {
  const text = p.repeat(n);
  const t = performance.now(); tokenize(text);
  console.log(JSON.stringify(p), n, (performance.now() - t).toFixed(0), 'ms');
}
