// Offsets are UTF-16 offsets into the document text without its BOM; lines and
// columns are 1-based with an exclusive end, so a BOM+CRLF file and its LF twin agree.
import type { Range } from '../types.js';

export const BOM = '\uFEFF';

export function stripBom(text: string): { text: string; bom: boolean } {
  return text.charCodeAt(0) === 0xfeff ? { text: text.slice(1), bom: true } : { text, bom: false };
}

export class LineIndex {
  /** Offset at which each line starts (line n starts at starts[n - 1]). */
  readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c === 10) this.starts.push(i + 1);
      else if (c === 13) {
        if (text.charCodeAt(i + 1) === 10) i++;
        this.starts.push(i + 1);
      }
    }
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** The 1-based line that holds an offset. */
  lineOf(offset: number): number {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  }

  point(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    const line = this.lineOf(o);
    return { line, column: o - this.starts[line - 1]! + 1 };
  }

  range(start: number, end: number): Range {
    const a = this.point(start);
    const b = this.point(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }

  lineStart(line: number): number {
    if (line > this.starts.length) return this.text.length;
    return this.starts[Math.max(1, line) - 1]!;
  }

  /** Offset of the end of a line's content (before its line ending). */
  lineEnd(line: number): number {
    if (line >= this.starts.length) return this.text.length;
    let end = this.starts[line]!;
    if (this.text.charCodeAt(end - 1) === 10) end--;
    if (this.text.charCodeAt(end - 1) === 13) end--;
    return end;
  }

  /** The range of a whole line's content (at least one column wide where the line has text). */
  lineRange(line: number): Range {
    const l = Math.min(Math.max(1, line), this.starts.length);
    return this.range(this.lineStart(l), this.lineEnd(l));
  }

  /** The document's first line ending, used for inserted text. */
  eol(): string {
    const m = /\r\n|\n|\r/.exec(this.text);
    return m ? m[0] : '\n';
  }
}
