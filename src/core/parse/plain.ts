// The events micromark's content and text tokenizers give a chain of plain lines, made
// without running them. Most paragraphs are plain prose, and for each one micromark
// creates a tokenizer per level (about thirty closures each) and feeds it one character at
// a time, twice: once to find the paragraph, once to find its inline constructs. Where a
// chain is plain (below), the events are written out directly, with the points the
// tokenizer would give: its chunk list is the chunks' streams one after another, so a
// chunk's string is at an even index and its line ending after it. Anything else gets
// the tokenizer. test/unit/postprocess.test.ts holds every event, points included, equal
// to micromark's on the CommonMark examples, the fixtures, the bench shapes and random text.
import { content } from 'micromark-core-commonmark';
import type { Chunk, Event, Resolver, Token, TokenizeContext } from 'micromark-util-types';

const SPACE = 32;
const LEFT_BRACKET = 91;
const isLineEnding = (code: Chunk | undefined): code is -5 | -4 | -3 => code === -5 || code === -4 || code === -3;

/**
 * A chain's chunks as one string each, with the line ending after it (none after the
 * last), or undefined when a chunk is anything else (a tab or NUL splits the string) or
 * does not start where micromark's skip arithmetic puts it: after a line ending micromark
 * is at column 1, and the skip to the next chunk adds column - 1 to the offset.
 */
interface Line {
  chunk: Token;
  value: string;
  /** The line ending's code, none after the last chunk. */
  ending: Chunk | undefined;
  /** The offset after the line ending. */
  after: number;
}

function lines(head: Token, context: TokenizeContext): Line[] | undefined {
  const out: Line[] = [];
  let line = 0;
  let offset = 0;
  for (let chunk: Token | undefined = head; chunk; chunk = chunk.next) {
    if (chunk._tokenizer) return undefined;
    const stream = context.sliceStream(chunk);
    const value = stream[0];
    const ending = stream[1];
    if (typeof value !== 'string' || value.length === 0) return undefined;
    if (chunk.next ? stream.length !== 2 || !isLineEnding(ending) : stream.length !== 1) return undefined;
    const { line: startLine, column, offset: startOffset } = chunk.start;
    if (chunk !== head && (startLine !== line || startOffset !== offset + column - 1)) return undefined;
    line = startLine + 1;
    offset = startOffset + value.length + (ending === -3 ? 2 : 1);
    out.push({ chunk, value, ending, after: offset });
  }
  return out;
}

/** A point as micromark's tokenizer makes it (same fields, same order). */
const point = (bufferIndex: number, index: number, line: number, column: number, offset: number) =>
  ({ _bufferIndex: bufferIndex, _index: index, line, column, offset });

// Characters that can start a construct in text (micromark's `constructs.text`, line endings aside).
const TEXT_MARKERS = /[!&*<[\\\]_`]/;

/**
 * The text tokenizer's events for a plain chain: a `data` per chunk and a `lineEnding`
 * between. Plain here also means no character that starts a construct, and no space at
 * either end of a chunk (a line suffix, a hard break or a line prefix).
 */
export function plainText(head: Token, context: TokenizeContext): Event[] | undefined {
  if (head._tokenizer || head._contentTypeTextTrailing) return undefined;
  const chain = lines(head, context);
  if (!chain) return undefined;
  const events: Event[] = [];
  let index = 0;
  for (const { chunk, value, ending, after } of chain) {
    if (value.charCodeAt(0) === SPACE || value.charCodeAt(value.length - 1) === SPACE || TEXT_MARKERS.test(value)) return undefined;
    const { line, column, offset } = chunk.start;
    const end = offset + value.length;
    const data = { type: 'data', start: point(0, index, line, column, offset), end: point(-1, index + 1, line, column + value.length, end) } as Token;
    events.push(['enter', data, context], ['exit', data, context]);
    index++;
    if (ending === undefined) break;
    const lineEnding = {
      type: 'lineEnding',
      start: point(-1, index, line, column + value.length, end),
      end: point(-1, index + 1, line + 1, 1, after),
    } as Token;
    events.push(['enter', lineEnding, context], ['exit', lineEnding, context]);
    index++;
  }
  return events;
}

/**
 * A stand-in for the content tokenizer of a chain that does not start with "[" (so holds
 * no definition): its events are a paragraph with a `chunkText` per chunk, each running to
 * the start of the next line. micromark's own subtokenize is given it as the chain's
 * tokenizer and shares its events out as it does a real one's; the text level
 * (postprocess.ts) then slices each `chunkText` out of its chunk list, as out of a real one's.
 */
function plainContent(head: Token, context: TokenizeContext): TokenizeContext | undefined {
  const chain = lines(head, context);
  if (!chain || chain[0]!.value.charCodeAt(0) === LEFT_BRACKET) return undefined;
  const chunks: Chunk[] = [];
  const events: Event[] = [];
  const tokenizer = {
    parser: context.parser,
    events,
    // Every token here starts at a chunk's string and ends after a whole chunk.
    sliceStream: (token: Token) => chunks.slice(token.start._index, token.end._index),
    write: () => events,
    defineSkip: () => undefined,
  } as unknown as TokenizeContext;
  const first = head.start;
  const paragraph = { type: 'paragraph', start: point(0, 0, first.line, first.column, first.offset) } as Token;
  events.push(['enter', paragraph, tokenizer]);
  let previous: Token | undefined;
  for (const { chunk, value, ending, after } of chain) {
    const index = chunks.length;
    chunks.push(value);
    if (ending !== undefined) chunks.push(ending);
    const { line, column, offset } = chunk.start;
    const text = { contentType: 'text', previous, type: 'chunkText', start: point(0, index, line, column, offset) } as Token;
    if (previous) previous.next = text;
    previous = text;
    const end = offset + value.length;
    text.end = ending === undefined
      ? point(-1, index + 1, line, column + value.length, end)
      : point(-1, index + 2, line + 1, 1, after);
    events.push(['enter', text, tokenizer], ['exit', text, tokenizer]);
  }
  const last = previous!.end;
  paragraph.end = point(last._bufferIndex, last._index, last.line, last.column, last.offset);
  events.push(['exit', paragraph, tokenizer]);
  return tokenizer;
}

// micromark resolves each content construct (a paragraph or definitions) with
// `subtokenize`, which runs a content tokenizer over the chunks. While `tokenize`
// (markdown.ts) runs, a plain chain gets the stand-in above instead. Outside it
// (remark-parse, the tests' reference parses) micromark runs as published.
const resolveContent = content.resolve as Resolver;
let active = false;
content.resolve = (events, context) => {
  if (active) {
    for (const [kind, token, ctx] of events) {
      if (kind !== 'enter' || token.contentType !== 'content' || token.previous || token._tokenizer) continue;
      const standIn = plainContent(token, ctx);
      if (standIn) token._tokenizer = standIn;
    }
  }
  return resolveContent(events, context);
};

/** Runs `fn` (a micromark parse) with the plain-content stand-ins. */
export function withPlainContent<T>(fn: () => T): T {
  active = true;
  try {
    return fn();
  } finally {
    active = false;
  }
}
