// micromark's postprocess in one pass. micromark's own (micromark-util-subtokenize 2.1.0)
// walks the whole event list once per nesting level (flow, then text, then once more to
// find nothing), splicing each chunk's sub-events in place and keeping the positions to
// skip in an object with integer keys; that walk was a sixth of a lint worker's time. Here the
// events are copied once into a new list: each chunk's sub-events are written where the
// chunk stood and read on the spot, so text inside flow is expanded as it is reached.
// The steps that change tokens are micromark's own, in the same order per token: the
// first-content hook for list items, the sub-tokenizer writes (with skips), the breaks
// that split the child events between chunks, and moving a container's exit before its
// trailing line endings. test/unit/postprocess.test.ts holds the events equal to
// micromark's on the CommonMark examples, the fixtures, the bench shapes and random text.
import type { Event, Token, TokenizeContext } from 'micromark-util-types';
import { plainText } from './plain.js';

/** The document tokenizer's events, with every chunk replaced by its sub-events. */
export function postprocess(events: Event[]): Event[] {
  const out: Event[] = [];
  copy(events, 0, events.length, out, new Map());
  return out;
}

/** A chunk's share of its chain's sub-events: child events from..to (exclusive). */
interface Share { events: Event[]; from: number; to: number }
/** Each chunk token's share, until the walk reaches the chunk. */
type Slices = Map<Token, Share>;

function copy(events: Event[], from: number, to: number, out: Event[], slices: Slices): void {
  for (let index = from; index < to; index++) {
    const event = events[index];
    const token = event[1];
    if (event[0] === 'enter') {
      if (token.contentType) {
        if (token.type === 'chunkFlow' && out.length > 0 && out[out.length - 1][1].type === 'listItemPrefix') markFirstContent(token);
        let share = slices.get(token);
        if (share === undefined) {
          subcontent(token, event[2], slices);
          share = slices.get(token);
        }
        if (share !== undefined) {
          slices.delete(token);
          copy(share.events, share.from, share.to, out, slices);
          index++; // the chunk's exit: micromark replaces the enter and the exit by the slice
          continue;
        }
      }
      out.push(event);
    } else {
      out.push(event);
      if (token._container) moveContainerExit(out);
    }
  }
}

// For the GFM task list extension: marks the text chunks in a list item's first content.
function markFirstContent(token: Token): void {
  const subevents = token._tokenizer?.events ?? [];
  let other = 0;
  if (other < subevents.length && subevents[other][1].type === 'lineEndingBlank') other += 2;
  if (other < subevents.length && subevents[other][1].type === 'content') {
    while (++other < subevents.length) {
      if (subevents[other][1].type === 'content') break;
      if (subevents[other][1].type === 'chunkText') {
        subevents[other][1]._isInFirstContentOfListItem = true;
        other++;
      }
    }
  }
}

// Runs the chain that starts at `head` through its tokenizer and shares the child events
// out between the chain's chunks at the breaks micromark finds.
function subcontent(head: Token, context: TokenizeContext, slices: Slices): void {
  const plain = head.contentType === 'text' ? plainText(head, context) : undefined;
  if (plain) { share(head, plain, slices); return; }
  let tokenizer = head._tokenizer;
  if (!tokenizer) {
    tokenizer = context.parser[head.contentType!](head.start);
    if (head._contentTypeTextTrailing) tokenizer._contentTypeTextTrailing = true;
  }
  let previous: Token | undefined;
  let current: Token | undefined = head;
  while (current) {
    if (!current._tokenizer) {
      const stream = context.sliceStream(current);
      if (!current.next) stream.push(null);
      if (previous) tokenizer.defineSkip(current.start);
      if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = true;
      tokenizer.write(stream);
      if (current._isInFirstContentOfListItem) tokenizer._gfmTasklistFirstContentOfListItem = undefined;
    }
    previous = current;
    current = current.next;
  }

  const childEvents = tokenizer.events;
  tokenizer.events = [];
  share(head, childEvents, slices);
}

// Gives each chunk of the chain that starts at `head` its share of the child events.
function share(head: Token, childEvents: Event[], slices: Slices): void {
  const chunks: Token[] = [];
  for (let current: Token | undefined = head; current; current = current.next) chunks.push(current);
  // A void token that spans a line ending ends one chunk's share.
  const breaks = [0];
  let current: Token | undefined = head;
  for (let index = 0; index < childEvents.length; index++) {
    const [kind, token] = childEvents[index];
    if (kind === 'exit' && childEvents[index - 1][0] === 'enter' && token.type === childEvents[index - 1][1].type && token.start.line !== token.end.line) {
      breaks.push(index + 1);
      current!._tokenizer = undefined;
      current!.previous = undefined;
      current = current!.next;
    }
  }
  if (current) {
    current._tokenizer = undefined;
    current.previous = undefined;
  } else {
    breaks.pop();
  }
  // micromark gives the last shares to the last chunks; a chunk left without one stays as it is.
  const offset = chunks.length - breaks.length;
  for (let index = 0; index < breaks.length; index++) {
    if (offset + index >= 0) slices.set(chunks[offset + index], { events: childEvents, from: breaks[index], to: breaks[index + 1] ?? childEvents.length });
  }
}

// A container's exit goes before the line endings (and their prefixes) that end it; the
// last of those line endings is a plain one, the others blank.
function moveContainerExit(out: Event[]): void {
  const index = out.length - 1;
  const event = out[index];
  let other = index;
  let lineIndex: number | undefined;
  while (other--) {
    const [kind, token] = out[other];
    if (token.type === 'lineEnding' || token.type === 'lineEndingBlank') {
      if (kind === 'enter') {
        if (lineIndex) out[lineIndex][1].type = 'lineEndingBlank';
        token.type = 'lineEnding';
        lineIndex = other;
      }
    } else if (token.type !== 'linePrefix' && token.type !== 'listItemIndent') {
      break;
    }
  }
  if (lineIndex) {
    event[1].end = { ...out[lineIndex][1].start };
    const moved = out.slice(lineIndex, index);
    out[lineIndex] = event;
    for (let at = 0; at < moved.length; at++) out[lineIndex + 1 + at] = moved[at];
  }
}
