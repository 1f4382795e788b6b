// What the model needs from a Markdown document, read in one pass over micromark's events:
// headings with their plain text, prose runs and the leaves rules must skip (code, HTML,
// images, autolinks), task items, and the top-level blocks. It reads exactly what
// remark-parse's mdast would give (text nodes, plain text, positions) without building the
// tree; test/unit/outline.test.ts holds the two equal on fixtures, the CommonMark examples
// and generated documents.
import { decodeNamedCharacterReference } from 'decode-named-character-reference';
import { decodeNumericCharacterReference } from 'micromark-util-decode-numeric-character-reference';
import type { Event, Token } from 'micromark-util-types';

/** A prose run (an mdast text node) or a leaf the phrase rules must not read. */
export interface Atom {
  kind: 'text' | 'code' | 'inlineCode' | 'html' | 'other';
  start: number;
  end: number;
  /** Text runs: the decoded text. Code spans: their code. HTML: its source. Others: empty. */
  value: string;
}

export interface OutlineHeading {
  level: number;
  /** Plain text (code spans and link text included, HTML and image text not), trimmed. */
  text: string;
  start: number;
  end: number;
}

export interface OutlineTask {
  done: boolean;
  /** The item's first paragraph as plain text, without the box, trimmed. */
  text: string;
  /** From the box to the end of the paragraph. */
  start: number;
  end: number;
  /** Where the list item starts (its marker). */
  itemStart: number;
}

export interface OutlineParagraph {
  start: number;
  end: number;
  /** Plain text, trimmed. */
  text: string;
}

export interface OutlineBlock {
  type: 'yaml' | 'heading' | 'paragraph' | 'list' | 'code' | 'html' | 'blockquote' | 'thematicBreak' | 'definition';
  start: number;
  end: number;
  /** Lists: each item's first paragraph among its own blocks, if it has one. */
  items?: Array<OutlineParagraph | null>;
}

export interface Outline {
  headings: OutlineHeading[];
  atoms: Atom[];
  tasks: OutlineTask[];
  /** The document's top-level blocks, in order. */
  blocks: OutlineBlock[];
}

/** A task item's box at the start of its first paragraph. */
export const TASK = /^\[([ xX])\][ \t]+/;

interface Item {
  start: number;
  /** The kind of the item's first block, once seen. */
  first: OutlineBlock['type'] | undefined;
  paragraph: OutlineParagraph | null;
}

/** A container frame: list items take blocks; a block quote hides them from the list around it. */
interface Frame {
  list: boolean;
  items: Item[];
}

interface Paragraph {
  start: number;
  /** Plain text so far, or null when no one needs it. */
  text: string | null;
  /** The item whose first paragraph this is. */
  item: Item | null;
  /** The first inline node: its text run, or false when it is not text. */
  lead: Atom | false | undefined;
}

const FLOW_BLOCK: Record<string, OutlineBlock['type']> = {
  paragraph: 'paragraph', definition: 'definition', codeFenced: 'code', codeIndented: 'code', htmlFlow: 'html',
  atxHeading: 'heading', setextHeading: 'heading', thematicBreak: 'thematicBreak', blockQuote: 'blockquote',
  listOrdered: 'list', listUnordered: 'list', yaml: 'yaml',
};

// Tokens whose data never reaches a text node: a link's destination, title and reference
// (line endings between them included), definitions, fence info, image labels (alt text),
// code and the frontmatter.
const HIDDEN = new Set(['resource', 'reference', 'resourceDestinationString', 'resourceTitleString', 'referenceString', 'definition',
  'codeFencedFenceInfo', 'codeFencedFenceMeta', 'image', 'codeFenced', 'codeIndented', 'yaml']);

// Inline tokens that become their own mdast node, ending the text run before them.
const INLINE_NODE = new Set(['emphasis', 'strong', 'codeText', 'link', 'image', 'autolink', 'htmlText',
  'hardBreakEscape', 'hardBreakTrailing']);

// Where a line ending is text ("\n" in a text node): mdast's canContainEols parents.
const PHRASING = new Set(['paragraph', 'atxHeadingText', 'setextHeadingText', 'emphasisText', 'strongText', 'label']);

export function outline(text: string, events: Event[]): Outline {
  const headings: OutlineHeading[] = [];
  const atoms: Atom[] = [];
  const tasks: OutlineTask[] = [];
  const blocks: OutlineBlock[] = [];

  const frames: Frame[] = [];
  let hidden = 0;
  let phrasing = 0;
  /** The open text run, if any. */
  let run: Atom | null = null;
  let paragraph: Paragraph | null = null;
  /** Plain text of the heading being read. */
  let heading: { level: number; text: string; start: number } | null = null;
  let atHardBreak = false;
  let referenceBase = 0;
  let pieceStart = 0;
  /** The link being read: where its atoms start, its text runs, and its destination. */
  let link: { atoms: number; runs: number; nodes: number; url: string | null } | null = null;
  let url: string | null = null;
  /** HTML being read: its value so far. */
  let html: string | null = null;
  /** The code span being read: its code so far. */
  let codeText: string | null = null;
  let topBlock: OutlineBlock | null = null;

  const plain = (value: string): void => {
    if (heading) heading.text += value;
    else if (paragraph && paragraph.text !== null) paragraph.text += value;
  };
  // micromark reads U+0000 as U+FFFD (CommonMark's rule for insecure characters).
  const nul = text.includes('\0');
  const slice = (token: Token): string => {
    const value = text.slice(token.start.offset, token.end.offset);
    return nul ? value.replace(/\0/g, '\uFFFD') : value;
  };
  const tabs = text.includes('\t');
  // Verbatim text (HTML, code spans) on a line whose tab the containers only partly took
  // starts with virtual spaces that offsets cannot show; the tokenizer's own serializer
  // turns them into spaces, as mdast does.
  const verbatim = (event: Event): string => (tabs ? event[2].sliceSerialize(event[1]) : slice(event[1]));
  // A piece of text: extends the open run or starts one, like mdast's onenterdata/onexitdata.
  const textPiece = (start: number, end: number, value: string): void => {
    // A heading's text is not prose: it only makes the heading's plain text.
    if (heading) { plain(value); return; }
    if (run) {
      run.end = end;
      run.value += value;
    } else {
      run = { kind: 'text', start, end, value };
      atoms.push(run);
      if (paragraph && paragraph.lead === undefined) paragraph.lead = run;
      if (link) link.runs++;
    }
    plain(value);
  };
  const inlineNode = (): void => {
    run = null;
    if (paragraph && paragraph.lead === undefined) paragraph.lead = false;
    if (link) link.nodes++;
  };
  const lineEndingText = (start: number): string =>
    text.charCodeAt(start) === 13 && text.charCodeAt(start + 1) === 10 ? '\r\n' : text[start]!;

  for (let i = 0; i < events.length; i++) {
    const event = events[i]!;
    const token = event[1];
    const type = token.type;
    if (event[0] === 'enter') {
      const block = FLOW_BLOCK[type];
      if (block !== undefined) {
        const frame = frames[frames.length - 1];
        const item = frame && frame.list ? frame.items[frame.items.length - 1] : undefined;
        if (item && item.first === undefined) item.first = block;
        if (frames.length === 0) {
          topBlock = { type: block, start: token.start.offset, end: token.end.offset };
          blocks.push(topBlock);
        }
        if (block === 'list') frames.push({ list: true, items: [] });
        else if (block === 'blockquote') frames.push({ list: false, items: [] });
        else if (block === 'paragraph') {
          const tracked = item !== undefined && item.paragraph === null;
          paragraph = { start: token.start.offset, text: tracked ? '' : null, item: tracked ? item : null, lead: undefined };
        } else if (block === 'heading') {
          heading = { level: 0, text: '', start: token.start.offset };
        } else if (block === 'html') {
          html = '';
        }
      }
      // A numeric reference's base, for the value that follows (in prose or in a destination).
      if (type === 'characterReferenceMarkerNumeric') { referenceBase = 10; continue; }
      if (type === 'characterReferenceMarkerHexadecimal') { referenceBase = 16; continue; }
      if (HIDDEN.has(type)) {
        if (type === 'image' && hidden === 0 && !heading) { inlineNode(); atoms.push({ kind: 'other', start: token.start.offset, end: token.end.offset, value: '' }); }
        hidden++;
        if (type === 'resourceDestinationString' && link) url = '';
        continue;
      }
      if (hidden > 0) {
        if (link && url !== null && (type === 'data' || type === 'characterEscapeValue')) url += slice(token);
        else if (type === 'characterReferenceValue') {
          if (link && url !== null) url += decodeReference(text.slice(token.start.offset, token.end.offset), referenceBase);
          referenceBase = 0;
        }
        continue;
      }
      switch (type) {
        case 'data':
          if (phrasing > 0) textPiece(token.start.offset, token.end.offset, slice(token));
          break;
        case 'characterEscape': case 'characterReference':
          // The whole escape or reference is the run's extent, as in mdast.
          pieceStart = token.start.offset;
          break;
        case 'characterEscapeValue':
          if (phrasing > 0) textPiece(pieceStart, token.end.offset, slice(token));
          break;
        case 'characterReferenceValue':
          if (phrasing > 0) textPiece(pieceStart, token.end.offset, decodeReference(text.slice(token.start.offset, token.end.offset), referenceBase));
          referenceBase = 0;
          break;
        case 'lineEnding': {
          if (atHardBreak) { atHardBreak = false; break; }
          const value = lineEndingText(token.start.offset);
          if (html !== null) html += value;
          else if (codeText !== null) { codeText += value; plain(value); }
          else if (phrasing > 0) textPiece(token.start.offset, token.end.offset, value);
          break;
        }
        case 'htmlFlowData': case 'htmlTextData':
          html += verbatim(event);
          break;
        case 'codeTextData': {
          const value = verbatim(event);
          if (codeText !== null) codeText += value;
          plain(value);
          break;
        }
        case 'autolinkProtocol': case 'autolinkEmail':
          plain(slice(token));
          break;
        case 'atxHeadingSequence':
          if (heading && heading.level === 0) heading.level = token.end.offset - token.start.offset;
          break;
        case 'setextHeadingLineSequence':
          if (heading) heading.level = text.charCodeAt(token.start.offset) === 61 /* = */ ? 1 : 2;
          break;
        case 'listItemPrefix': {
          const frame = frames[frames.length - 1];
          if (frame && frame.list) frame.items.push({ start: token.start.offset, first: undefined, paragraph: null });
          break;
        }
        default:
          if (INLINE_NODE.has(type)) {
            inlineNode();
            if (type === 'link') link = { atoms: atoms.length, runs: 0, nodes: 0, url: null };
            else if (type === 'codeText') codeText = '';
            else if (type === 'htmlText') html = '';
          }
          if (PHRASING.has(type)) { phrasing++; run = null; }
      }
      continue;
    }

    // exit
    if (HIDDEN.has(type)) {
      hidden--;
      if (hidden === 0) {
        if (type === 'codeFenced' || type === 'codeIndented') atoms.push({ kind: 'code', start: token.start.offset, end: token.end.offset, value: '' });
        else if (type === 'definition') atoms.push({ kind: 'other', start: token.start.offset, end: token.end.offset, value: '' });
      }
      if (type === 'resourceDestinationString' && link) { link.url = url; url = null; }
      if (hidden === 0 && FLOW_BLOCK[type] !== undefined) endBlock(type, token);
      continue;
    }
    if (hidden > 0) continue;
    if (PHRASING.has(type)) { phrasing--; run = null; }
    if (INLINE_NODE.has(type)) run = null;
    switch (type) {
      case 'characterReference': {
        // Assigned in closures, which TypeScript's narrowing does not follow.
        const open = run as Atom | null;
        if (open) open.end = token.end.offset;
        break;
      }
      case 'hardBreakEscape': case 'hardBreakTrailing':
        atHardBreak = true;
        break;
      case 'codeText':
        if (!heading) atoms.push({ kind: 'inlineCode', start: token.start.offset, end: token.end.offset, value: codeText ?? '' });
        codeText = null;
        break;
      case 'htmlText':
        if (!heading) atoms.push({ kind: 'html', start: token.start.offset, end: token.end.offset, value: html ?? '' });
        html = null;
        break;
      case 'autolink':
        if (!heading) atoms.push({ kind: 'other', start: token.start.offset, end: token.end.offset, value: '' });
        break;
      case 'link':
        if (link && !heading) {
          // A link whose only text is its URL reads as an autolink: not prose.
          const only = link.runs === 1 && link.nodes === 0 && atoms.length === link.atoms + 1 ? atoms[link.atoms]! : undefined;
          if (only && only.kind === 'text' && link.url !== null && (only.value === link.url || `mailto:${only.value}` === link.url)) {
            atoms.length = link.atoms;
            atoms.push({ kind: 'other', start: token.start.offset, end: token.end.offset, value: '' });
          }
        }
        link = null;
        break;
      default:
        if (FLOW_BLOCK[type] !== undefined) endBlock(type, token);
    }
  }
  return { headings, atoms, tasks, blocks };

  function endBlock(type: string, token: Token): void {
    const block = FLOW_BLOCK[type]!;
    if (block === 'list' || block === 'blockquote') {
      const frame = frames.pop()!;
      if (frames.length === 0 && topBlock && block === 'list') topBlock.items = frame.items.map((item) => item.paragraph);
    } else if (block === 'paragraph' && paragraph) {
      const p = paragraph;
      paragraph = null;
      const item = p.item;
      if (item && p.text !== null) {
        item.paragraph = { start: p.start, end: token.end.offset, text: p.text.trim() };
        const lead = p.lead;
        const m = item.first === 'paragraph' && lead ? TASK.exec(lead.value) : null;
        if (m && lead) tasks.push({ done: m[1] !== ' ', text: p.text.slice(m[0].length).trim(), start: lead.start, end: token.end.offset, itemStart: item.start });
      }
    } else if (block === 'heading' && heading) {
      headings.push({ level: heading.level, text: heading.text.trim(), start: heading.start, end: token.end.offset });
      heading = null;
    } else if (block === 'html') {
      atoms.push({ kind: 'html', start: token.start.offset, end: token.end.offset, value: html ?? '' });
      html = null;
    } else if (block === 'thematicBreak') {
      atoms.push({ kind: 'other', start: token.start.offset, end: token.end.offset, value: '' });
    }
    run = null;
  }
}

function decodeReference(value: string, base: number): string {
  return base ? decodeNumericCharacterReference(value, base) : decodeNamedCharacterReference(value) || '';
}
