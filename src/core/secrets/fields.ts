// Password fields written in a playbook: "Password: hunter2", "**Wi-Fi PIN** = 4821",
// "The admin password is Tr0ub4dor&3", "비밀번호는 qwer1234입니다", `DB_PASSWORD=...` in a
// code block, `wifi_password: "..."` in the frontmatter. The words are data (a pack's
// "secrets" block: the fields, the separators, the placeholders); what follows them is
// read here, in one linear pass over the rest of the line:
//
//   field  [closing ** or `]  separator  [opening ** or ` or a quote]  value
//
// A separator that is punctuation (":", "=") says a value follows; one that is a word
// ("is", "은") only does when the value looks like a credential (a digit, a symbol, a
// capital inside it, or quoted), so "the password is stored in the vault" is prose. A
// value is never reported when it is a reference (the pack's placeholders: "in 1Password",
// "ask Sam", "TBD", "공유 금고에 있음") or a placeholder shape ("<password>", "****",
// "${DB_PASSWORD}", a link); nor when an unquoted ordinary word is followed by more
// words ("Password: Sam has it"). Headings are never read (a heading names a topic).
import type { Lang, PhrasePack } from '../types.js';
import { compilePhrases, parseSlots, type PhraseMatcher } from '../phrases/matcher.js';
import { parsePattern, requiredLiterals } from '../phrases/pattern.js';

export interface FieldHit {
  /** The value's offsets in the text (what the finding covers and the fix replaces). */
  start: number;
  end: number;
  /** The field's canonical pattern ("password[s]"), for the finding's key. */
  field: string;
}

export interface FieldMatcher {
  find(text: string): FieldHit[];
  /** The quick fix's text in the document's language. */
  replacement: string;
}

interface LanguageFields {
  labels: PhraseMatcher;
  separators: string[];
  /** A words one of which every field holds ("password", "pin", "비밀번호"): lines without any are skipped. Null: read every line. */
  keys: RegExp | null;
}

const HANGUL = /[\uAC00-\uD7A3\u1100-\u11FF\u3130-\u318F]/;
const LETTER = /\p{L}/u;
const HSPACE = /[ \t\u00A0\u3000]/;
/** Markup that may close a field's label or open its value: "**Password**:", ": `hunter2`". */
const MARKUP = /[*_~]/;
const QUOTES: Record<string, string> = { '"': '"', "'": "'", '“': '”', '‘': '’', '`': '`', '「': '」' };
/** Characters a bare value does not end with: sentence punctuation, closing markup and quotes ("!" may end a password). */
const TRAILING = /[.,;:)\]}*_~"'”’」>]+$/;
const SHAPE = /^(?:[*xX•·.\-–—_?#]+|<[^>]*>?|\[[^\]]*\]?|\{.*|\$.*|%[^%]*%|\(.*|https?:\/\/.*|[A-Za-z][\w.]*[([].*)$/u;
const HEADING = /^[ \t]{0,3}#{1,6}(?:[ \t]|$)/;

/** The matcher of every language's password fields (a Korean document may say "Password:" too). */
export function compileSecretFields(packs: PhrasePack[], lang: Lang): FieldMatcher | null {
  const cacheKey = packs.every((p) => p.source.startsWith('bundled:')) ? `${lang}\0${packs.map((p) => p.source).join(',')}` : null;
  const cached = cacheKey === null ? undefined : bundledCache.get(cacheKey);
  if (cached !== undefined) return cached;
  const compiled = compileNow(packs, lang);
  if (cacheKey !== null) bundledCache.set(cacheKey, compiled);
  return compiled;
}

const bundledCache = new Map<string, FieldMatcher | null>();

function compileNow(packs: PhrasePack[], lang: Lang): FieldMatcher | null {
  const languages: LanguageFields[] = [];
  const placeholders: PhraseMatcher[] = [];
  let replacement = '';
  for (const l of ['en', 'ko'] as const) {
    const mine = packs.filter((p) => p.lang === l && p.secrets);
    if (!mine.length) continue;
    const slots: Record<string, string[]> = {};
    for (const p of packs.filter((x) => x.lang === l)) for (const [k, v] of Object.entries(p.slots ?? {})) slots[k] = [...(slots[k] ?? []), ...v];
    const entries = (list: string[]) => list.map((pattern) => ({ phrase: pattern, why: '', variants: [pattern] }));
    const fields = mine.flatMap((p) => p.secrets!.fields ?? []);
    const separators = [...new Set(mine.flatMap((p) => p.secrets!.separators ?? []))].sort((a, b) => b.length - a.length);
    if (fields.length && separators.length) languages.push({ labels: compilePhrases(entries(fields), { lang: l, slots }), separators, keys: keywords(fields, slots) });
    const holders = mine.flatMap((p) => p.secrets!.placeholders ?? []);
    if (holders.length) placeholders.push(compilePhrases(entries(holders), { lang: l, slots }));
    if (l === lang || !replacement) replacement = mine.map((p) => p.secrets!.replacement).filter((r): r is string => !!r).pop() ?? replacement;
  }
  if (!languages.length) return null;
  replacement ||= '<in the password manager>';
  const isPlaceholder = (rest: string): boolean => placeholders.some((m) => m.find(rest.slice(0, 200)).some((x) => x.start === 0));
  return {
    replacement,
    find(text) {
      // "wifi_password", "DB_PASSWORD": an underscore joins words, so it reads as a space (same length: offsets stay).
      const view = text.includes('_') ? text.replace(/_/g, ' ') : text;
      const hits: FieldHit[] = [];
      for (const language of languages) {
        // Only the stretches of lines that hold one of the fields' words go through the matcher.
        for (const [from, to] of linesWith(view, language.keys)) {
          for (const m of language.labels.find(view.slice(from, to))) {
            const hit = valueAfter(text, view, from + m.end, language.separators, isPlaceholder);
            if (hit) hits.push({ ...hit, field: m.entry.phrase });
          }
        }
      }
      hits.sort((a, b) => a.start - b.start || b.end - a.end);
      // Two fields may name one value (an English and a Korean field, "pin" and "pin code"): keep it once.
      const out: FieldHit[] = [];
      let until = -1;
      for (const h of hits) if (h.start >= until) { out.push(h); until = h.end; }
      return out;
    },
  };
}

/** One case-insensitive regex of the words every field holds one of (no quantifiers but \s+: linear). */
function keywords(fields: string[], slots: Record<string, string[]>): RegExp | null {
  const slotNodes = parseSlots(slots);
  const words = new Set<string>();
  for (const f of fields) {
    const lits = requiredLiterals(parsePattern(f), slotNodes);
    if (!lits) return null;
    for (const l of lits) words.add(l.replace(/^<|>$/g, ''));
  }
  const source = [...words].sort((a, b) => b.length - a.length)
    .map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/ /g, '\\s*')).join('|');
  return source ? new RegExp(source, 'giu') : null;
}

/** How far from a field its line is read (a value is short; this keeps a line of thousands of fields linear). */
const LINE_WINDOW = 256;
/** Lines with key words closer than this are read as one stretch (fewer, larger matcher runs). */
const JOIN_GAP = 2048;

/** Stretches [start, end) of whole lines that hold the key words (everything when there are no keys), in order. */
function linesWith(text: string, keys: RegExp | null): Array<[number, number]> {
  if (!keys) return [[0, text.length]];
  const out: Array<[number, number]> = [];
  keys.lastIndex = 0;
  for (let m = keys.exec(text); m; m = keys.exec(text)) {
    // CR, LF and CRLF all end a line; each line is walked once (the next search starts past it).
    let start = m.index;
    while (start > 0 && !isBreak(text.charCodeAt(start - 1))) start--;
    let end = m.index;
    while (end < text.length && !isBreak(text.charCodeAt(end))) end++;
    const last = out[out.length - 1];
    if (last && start - last[1] <= JOIN_GAP) last[1] = end; else out.push([start, end]);
    keys.lastIndex = end;
  }
  return out;
}

/** The line around `at`, read at most LINE_WINDOW characters each way; `known`: its start was reached. */
function lineAround(text: string, at: number): { start: number; end: number; known: boolean } {
  let start = at;
  const floor = Math.max(0, at - LINE_WINDOW);
  while (start > floor && !isBreak(text.charCodeAt(start - 1))) start--;
  let end = at;
  const ceiling = Math.min(text.length, at + LINE_WINDOW);
  while (end < ceiling && !isBreak(text.charCodeAt(end))) end++;
  return { start, end, known: start === 0 || isBreak(text.charCodeAt(start - 1)) };
}

function isBreak(c: number): boolean {
  return c === 10 || c === 13;
}

/** The value after a field's label ending at `from`, or null when none follows. */
function valueAfter(text: string, view: string, from: number, separators: string[], isPlaceholder: (rest: string) => boolean): { start: number; end: number } | null {
  const line = lineAround(text, from);
  if (line.known && HEADING.test(text.slice(line.start, Math.min(line.end, line.start + 10)))) return null;
  let p = from;
  while (p < line.end && (MARKUP.test(text[p]!) || text[p] === '`')) p++;
  const labelEnd = p;
  while (p < line.end && HSPACE.test(text[p]!)) p++;
  const spaced = p > labelEnd;
  // The separator.
  let weak = false;
  let found = false;
  const lower = view.slice(p, p + 12).toLowerCase();
  for (const sep of separators) {
    if (!lower.startsWith(sep.toLowerCase())) continue;
    const next = text[p + sep.length];
    if (LETTER.test(sep)) {
      // A Korean particle is attached to the field ("비밀번호는"); a word stands apart ("password is").
      const particle = HANGUL.test(sep);
      if (particle ? spaced : !spaced) continue;
      if (next === undefined || !(HSPACE.test(next) || next === ':')) continue;
      weak = true;
    }
    found = true;
    p += sep.length;
    break;
  }
  if (!found) return null;
  // A word separator may be followed by a colon ("is: ..."), punctuation by nothing else.
  if (weak && text[p] === ':') { p++; weak = false; }
  while (p < line.end && (HSPACE.test(text[p]!) || MARKUP.test(text[p]!))) p++;
  if (p >= line.end) return null;
  const rest = text.slice(p, line.end);
  let start = p;
  let end: number;
  let quoted = false;
  const close = QUOTES[text[p]!];
  if (close !== undefined) {
    const at = text.indexOf(close, p + 1);
    if (at < 0 || at > line.end) return null;
    start = p + 1;
    end = at;
    quoted = true;
  } else {
    end = p;
    while (end < line.end && !HSPACE.test(text[end]!)) end++;
  }
  let value = text.slice(start, end);
  if (!quoted) {
    // "qwer1234입니다": the Korean ending is not part of the value; nor is sentence punctuation.
    const hangul = value.search(HANGUL);
    if (hangul >= 0) value = value.slice(0, hangul);
    value = value.replace(TRAILING, '');
    end = start + value.length;
  }
  if (!value.trim() || SHAPE.test(value)) return null;
  const looksLikeCredential = quoted || /[0-9]/.test(value) || /[^\p{L}\p{N}]/u.test(value) || /.\p{Lu}/u.test(value);
  if (!looksLikeCredential) {
    if (weak) return null;
    // "Password: Sam has it": an ordinary word followed by more words is a sentence about it.
    if (/\p{L}/u.test(text.slice(end, line.end).replace(/^[.,;:!?)\]*_~"'”’]+/, '').split(/[.;!?]/)[0] ?? '')) return null;
  }
  // Last, as it costs the most: a reference ("in 1Password", "ask Sam") is no password.
  if (isPlaceholder(rest.replace(/^[`"'“‘「([]+/, ''))) return null;
  return { start, end };
}
