import { tokenize } from './out/src/core/parse/markdown.js';
import { outline } from './out/src/core/parse/outline.js';
for (const n of [2500, 5000, 10000, 20000]) {
  const text = '*a'.repeat(n);
  let t = performance.now(); const ev = tokenize(text); const tk = performance.now() - t;
  t = performance.now(); outline(text, ev); const ol = performance.now() - t;
  console.log(n, 'tokenize', tk.toFixed(0), 'ms; outline', ol.toFixed(0), 'ms; events', ev.length);
}
