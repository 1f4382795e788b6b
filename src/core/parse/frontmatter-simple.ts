// The frontmatter most playbooks have, read without the yaml package: "key: value" lines,
// nested blocks of them, "- item" lists, one-line [a, b] and { k: v } collections, plain,
// "double" and 'single' quoted scalars. Parsing a 20-line frontmatter with `yaml` (a CST,
// then a document of nodes) was a tenth of a lint of small playbooks. Anything outside that
// subset returns undefined and frontmatter.ts asks `yaml` as before: comments after a value, anchors,
// aliases, tags, block scalars (| >), multi-line scalars, escapes, tabs, CR, empty values,
// duplicate keys, numbers other than plain decimals. What it returns is what frontmatter.ts
// makes of `yaml`'s document, spans included (yaml's node ranges: a block collection ends
// after the line break of its last line, a scalar where its text ends); the
// frontmatter-simple test holds the two equal on generated frontmatters and every fixture.
import type { ParsedFrontmatter, SourceSpan } from './frontmatter.js';

const KEY = /^([A-Za-z_][A-Za-z0-9_-]*):(?: +|$)/;
// Keys yaml reads as null or a boolean (and frontmatter.ts then spells "null", "true", "false").
const NOT_A_STRING_KEY = /^(?:null|Null|NULL|true|True|TRUE|false|False|FALSE)$/;
// Characters a plain scalar may not start with (YAML indicators); quotes and brackets are read apart.
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const INT = /^[-+]?[0-9]{1,15}$/;
const FLOAT = /^[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*)$/;
// Plain scalars the core schema reads as something else than these: left to yaml.
const OTHER_NUMBER = /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|0o[0-7]+|0x[0-9a-fA-F]+|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?[0-9]+)$/;
const MAX_DEPTH = 16;

interface Line { start: number; indent: number; end: number; next: number }

class Unsupported extends Error {}
const unsupported = (): never => { throw new Unsupported(); };

/** The frontmatter as frontmatter.ts would make it from `yaml`, or undefined outside the subset. */
export function readSimpleFrontmatter(source: string, offset: number): ParsedFrontmatter | undefined {
  if (/[\t\r\\\0]/.test(source)) return undefined;
  const lines: Line[] = [];
  for (let start = 0; start < source.length;) {
    const nl = source.indexOf('\n', start);
    const end = nl < 0 ? source.length : nl;
    let indent = start;
    while (indent < end && source.charCodeAt(indent) === 32) indent++;
    // Blank lines and whole-line comments are skipped: a collection ends after its last
    // line's break, before them. A "#" anywhere else (a comment after a value, or in one) is left to yaml.
    if (indent < end && source.charCodeAt(indent) !== 35 /* # */) {
      if (source.slice(indent, end).includes('#')) return undefined;
      lines.push({ start, indent: indent - start, end, next: nl < 0 ? end : nl + 1 });
    }
    start = nl < 0 ? source.length : nl + 1;
  }
  if (!lines.length || lines[0]!.indent !== 0) return undefined;
  // The root's span comes first, as frontmatter.ts sets it before its keys' (set when the root is read).
  const spans = new Map<string, SourceSpan>([['', { valueStart: offset, valueEnd: offset }]]);
  let at = 0;

  /** A scalar's value, or unsupported. */
  const scalar = (text: string, flow: boolean): unknown => {
    const c = text.charCodeAt(0);
    if (c === 34 /* " */ || c === 39 /* ' */) {
      const inner = text.slice(1, -1);
      if (text.length < 2 || text.charCodeAt(text.length - 1) !== c || inner.includes(text[0]!)) unsupported();
      return inner;
    }
    if (INDICATOR.test(text) || text.includes(': ') || text.endsWith(':') || (flow && /[,[\]{}:]/.test(text))) unsupported();
    if (text === 'null' || text === 'Null' || text === 'NULL' || text === '~') return null;
    if (text === 'true' || text === 'True' || text === 'TRUE') return true;
    if (text === 'false' || text === 'False' || text === 'FALSE') return false;
    if (INT.test(text) || FLOAT.test(text)) return Number(text);
    if (OTHER_NUMBER.test(text)) unsupported();
    return text;
  };

  /**
   * The "key:" at `from` (before `to`) of the mapping `out` at `pointer`: its span is set as
   * frontmatter.ts sets it (the value's, until read, at the key's end); `value` is where the
   * value may start. A key with "~" or "/" (escaped in a pointer) is no KEY.
   */
  const keyAt = (out: Record<string, unknown>, pointer: string, from: number, to: number) => {
    const m = KEY.exec(source.slice(from, to));
    if (!m || NOT_A_STRING_KEY.test(m[1]!) || Object.prototype.hasOwnProperty.call(out, m[1]!)) unsupported();
    const key = m![1]!;
    const child = `${pointer}/${key}`;
    const keyEnd = offset + from + key.length;
    spans.set(child, { keyStart: offset + from, keyEnd, valueStart: keyEnd, valueEnd: keyEnd });
    return { key, child, value: from + m![0].length };
  };

  const setValue = (pointer: string, start: number, end: number): void => {
    const span = spans.get(pointer);
    if (span) { span.valueStart = offset + start; span.valueEnd = offset + end; } else spans.set(pointer, { valueStart: offset + start, valueEnd: offset + end });
  };

  /** A value that ends its line (from `from` to `to`, trimmed): a scalar or a one-line collection. */
  const inline = (from: number, to: number, pointer: string): unknown => {
    while (to > from && source.charCodeAt(to - 1) === 32) to--;
    const open = source[from];
    if (open === '[' || open === '{') {
      const close = open === '[' ? ']' : '}';
      if (source[to - 1] !== close) unsupported();
      setValue(pointer, from, to);
      const items = splitFlow(from + 1, to - 1);
      if (open === '[') return items.map(([s, e], i) => item(s, e, `${pointer}/${i}`, true));
      const out = Object.create(null) as Record<string, unknown>;
      for (const [s, e] of items) {
        const { key, child, value } = keyAt(out, pointer, s, e);
        if (value >= e) unsupported();
        out[key] = item(value, e, child, true);
      }
      return out;
    }
    return item(from, to, pointer, false);
  };

  const item = (from: number, to: number, pointer: string, flow: boolean): unknown => {
    const value = scalar(source.slice(from, to), flow);
    setValue(pointer, from, to);
    return value;
  };

  /** The items of a one-line collection's inside, trimmed; none for "[]" or "[ ]". */
  const splitFlow = (from: number, to: number): Array<[number, number]> => {
    const out: Array<[number, number]> = [];
    if (source.slice(from, to).trim() === '') return out;
    let start = from;
    let quote = 0;
    for (let i = from; i <= to; i++) {
      const c = i < to ? source.charCodeAt(i) : 44;
      if (quote) { if (c === quote) quote = 0; continue; }
      if (c === 34 || c === 39) { quote = c; continue; }
      if (c === 91 || c === 93 || c === 123 || c === 125) unsupported();
      if (c !== 44 /* , */) continue;
      let s = start;
      let e = i;
      while (s < e && source.charCodeAt(s) === 32) s++;
      while (e > s && source.charCodeAt(e - 1) === 32) e--;
      if (s === e) unsupported();
      out.push([s, e]);
      start = i + 1;
    }
    if (quote) unsupported();
    return out;
  };

  /** A block mapping at `indent`, from line `at` on; returns its value and sets its span. */
  const blockMap = (indent: number, pointer: string, depth: number): unknown => {
    if (depth > MAX_DEPTH) unsupported();
    const out = Object.create(null) as Record<string, unknown>;
    const first = lines[at]!;
    let end = first.next;
    while (at < lines.length && lines[at]!.indent === indent) {
      const line = lines[at]!;
      const { key, child, value } = keyAt(out, pointer, line.start + indent, line.end);
      at++;
      if (value < line.end) {
        out[key] = inline(value, line.end, child);
        end = line.next;
        continue;
      }
      // "key:" then a block on the following lines: deeper, or a list at the same indent.
      const next = lines[at];
      if (!next) unsupported();
      const dash = /^-(?: |$)/.test(source.slice(next!.start + next!.indent, next!.end));
      if (next!.indent > indent) out[key] = dash ? blockSeq(next!.indent, child) : blockMap(next!.indent, child, depth + 1);
      else if (next!.indent === indent && dash) out[key] = blockSeq(indent, child);
      else unsupported();
      end = lines[at - 1]!.next;
    }
    if (at < lines.length && lines[at]!.indent > indent) unsupported();
    setValue(pointer, first.start + indent, end);
    return out;
  };

  /** A block list at `indent` of scalars and one-line collections. */
  const blockSeq = (indent: number, pointer: string): unknown[] => {
    const out: unknown[] = [];
    const first = lines[at]!;
    while (at < lines.length && lines[at]!.indent === indent) {
      const line = lines[at]!;
      const dash = line.start + indent;
      if (!/^- +\S/.test(source.slice(dash, line.end))) break;
      let from = dash + 1;
      while (source.charCodeAt(from) === 32) from++;
      if (KEY.test(source.slice(from, line.end))) unsupported();
      out.push(inline(from, line.end, `${pointer}/${out.length}`));
      at++;
    }
    if (!out.length || (at < lines.length && lines[at]!.indent > indent)) unsupported();
    setValue(pointer, first.start + indent, lines[at - 1]!.next);
    return out;
  };

  try {
    const data = blockMap(0, '', 0) as Record<string, unknown>;
    return at < lines.length ? undefined : { data, spans, problems: [] };
  } catch (e) {
    if (e instanceof Unsupported) return undefined;
    throw e;
  }
}
