// `adopt`: an agency's existing onboarding document becomes a playbook. Only insertions:
// a frontmatter (or the required keys it lacks), and each missing section at the place
// the profile's order gives it relative to the sections the document already has, with
// the template's heading (in the document's language) and guidance comment. Nothing of
// the original is removed, reordered or rewritten, and adopting twice changes nothing
// more. Pure: text and options in, the new text, the edits and the heading table out.
import { asSentence, pickLang, translator, type Translate } from './messages/index.js';
import { parseDocument, toLang, type ParsedDoc } from './parse/document.js';
import { parseFrontmatter } from './parse/frontmatter.js';
import { refusal } from './parse/hostile.js';
import { insertionOffset } from './parse/insertion.js';
import type { Profile, SectionDef } from './profile/profile.js';
import { endsInsideOpenBlock, leadAtEnd } from './rules/required-section.js';
import { sectionSkeleton } from './template.js';
import { BOM, stripBom } from './text/positions.js';
import type { Lang, Locale } from './types.js';

export interface AdoptOptions {
  profile: Profile;
  /** Language of a document whose frontmatter has no `lang` and that is not mostly Hangul (the config's `lang`). */
  defaultLang?: Lang;
  /** The client's name (`--client`); else the frontmatter's, the first heading's, the file name's. */
  client?: string;
  /** Who owns the relationship at the agency (the CLI passes git's user.name); else the profile's placeholder. */
  accountOwner?: string;
  /** The document's file name or path: the client's name of last resort (without its extension). */
  fileName: string;
  /** Today as YYYY-MM-DD: the `start_date` of a document that has none. */
  today: string;
  /** The playbook templates (templates/agency.<lang>.md) by language: their guidance comments go under inserted headings. */
  templates?: Partial<Record<Lang, string>>;
  /** Language of the error message for a document that cannot be read. */
  locale?: Locale;
}

export interface AdoptHeading {
  /** The heading's text as written (plain text, markers and emphasis removed). */
  heading: string;
  level: number;
  /** 1-based line in the original document (a BOM not counted). */
  line: number;
  /** The section id the heading names, or null ("not a section"; level 1 is the title). */
  section: string | null;
  /** The section's canonical heading in the document's language, or null. */
  title: string | null;
  /** An earlier heading already named the same section: this one does not count. */
  duplicate: boolean;
}

/** An insertion into the original text without its BOM (UTF-16 offset); one per offset, in order. */
export interface AdoptEdit {
  offset: number;
  text: string;
}

export type ClientSource = 'option' | 'frontmatter' | 'title' | 'heading' | 'file' | 'none';

export interface AdoptResult {
  /** The adopted document (BOM and line endings as the original's). */
  text: string;
  changed: boolean;
  lang: Lang;
  langSource: 'frontmatter' | 'hangul' | 'default';
  /** The client the playbook names (null when the frontmatter's `client` is not text). */
  client: string | null;
  clientSource: ClientSource;
  /** A client name was given but the frontmatter already names one: the frontmatter's is kept. */
  clientIgnored: boolean;
  headings: AdoptHeading[];
  /** Section ids inserted, in the profile's order. */
  inserted: string[];
  /** Section ids that could not be inserted (the document ends inside an unclosed code block or HTML comment). */
  skipped: string[];
  frontmatterAdded: boolean;
  /** Keys added to the frontmatter (all of them when it was added). */
  keysAdded: string[];
  /** The document's frontmatter is not readable YAML (or not a block of keys): left as it is, no key added. */
  frontmatterUnreadable: boolean;
  edits: AdoptEdit[];
}

/** The document cannot be adopted (nested or packed beyond what the parser reads in reasonable time). */
export class AdoptError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AdoptError';
  }
}

const HANGUL = /[\u1100-\u11ff\u3130-\u318f\uac00-\ud7af]/u;
const LETTER = /\p{L}/u;

/** Korean when more of the prose's words hold Hangul than do not ("Slack으로" counts as Korean). */
export function mostlyHangul(doc: ParsedDoc): boolean {
  let ko = 0;
  let other = 0;
  for (const a of doc.atoms) {
    if (a.kind !== 'text') continue;
    for (const word of a.value.split(/\s+/u)) {
      if (HANGUL.test(word)) ko++;
      else if (LETTER.test(word)) other++;
    }
  }
  return ko > other;
}

/** A YAML 1.2 double-quoted scalar (JSON's escapes are YAML's); line breaks and controls become spaces. */
export function yamlString(value: string): string {
  // eslint-disable-next-line no-control-regex
  return JSON.stringify(value.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/gu, ' ').trim());
}

/**
 * A client's name from a heading: the heading without what our own template's title adds
 * ("Acme onboarding playbook" → "Acme", "한빛 온보딩 플레이북" → "한빛"), when a name remains
 * ("Client Onboarding" stays as it is).
 */
export function clientFromHeading(heading: string): string {
  const name = heading.trim();
  const bare = name.replace(/[\s:–—-]*\b(?:client\s+)?onboarding(?:\s+(?:playbook|plan|guide|document|doc))?\s*$/iu, '')
    .replace(/\s*(?:고객\s*)?온보딩(?:\s*(?:플레이북|계획|가이드|문서))?\s*$/u, '').trim();
  return bare || name;
}

/** "docs/Client Onboarding.md" → "Client Onboarding". */
export function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).filter(Boolean).pop() ?? '';
  const dot = last.lastIndexOf('.');
  return (dot > 0 ? last.slice(0, dot) : last).trim();
}

const guidanceCache = new WeakMap<Profile, Map<string, Map<string, string>>>();

/**
 * The guidance comment under each section heading of a template, by section id: the text
 * inside the first HTML comment after the heading (the template's own words, not new ones).
 */
export function templateGuidance(template: string, profile: Profile): Map<string, string> {
  let byTemplate = guidanceCache.get(profile);
  if (!byTemplate) guidanceCache.set(profile, (byTemplate = new Map()));
  const cached = byTemplate.get(template);
  if (cached) return cached;
  const out = new Map<string, string>();
  const lines = template.split(/\r\n|\r|\n/);
  for (let i = 0; i < lines.length; i++) {
    const m = /^ {0,3}#{2,6}[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$/.exec(lines[i]!);
    if (!m) continue;
    const id = profile.sectionForHeading(m[1]!);
    if (!id || out.has(id)) continue;
    let j = i + 1;
    while (j < lines.length && !lines[j]!.trim()) j++;
    if (j >= lines.length || !/^ {0,3}<!--/.test(lines[j]!)) continue;
    const parts: string[] = [];
    for (let k = j; k < lines.length; k++) {
      parts.push(lines[k]!);
      if (lines[k]!.includes('-->')) break;
    }
    const inner = /<!--([\s\S]*?)-->/.exec(parts.join('\n'));
    if (inner && inner[1]!.trim()) out.set(id, inner[1]!.trim());
  }
  byTemplate.set(template, out);
  return out;
}

/** Turn an existing document into a playbook (see the file's header). Throws AdoptError for a document the parser must not read. */
export function adoptDocument(input: string, options: AdoptOptions): AdoptResult {
  const { profile } = options;
  const t = translator(options.locale ?? 'en');
  const { text, bom } = stripBom(input);
  const refused = refusal(text, t);
  if (refused) throw new AdoptError(refused);

  const defaultLang = options.defaultLang ?? 'en';
  const doc = parseDocument(text, profile, defaultLang);
  const eol = doc.index.eol();
  const block = doc.frontmatter;
  const declared = block?.parsed.data?.['lang'];
  // toLang gives its fallback for a tag it does not know: known when both fallbacks agree.
  const known = declared !== undefined && toLang(declared, 'en') === toLang(declared, 'ko');
  const hangul = !known && mostlyHangul(doc);
  const lang: Lang = known ? toLang(declared, defaultLang) : hangul ? 'ko' : defaultLang;
  const langSource: AdoptResult['langSource'] = known ? 'frontmatter' : hangul ? 'hangul' : 'default';

  const titleOf = (id: string | undefined): string | null => {
    if (id === undefined) return null;
    const def = profile.section(id);
    return def ? pickLang(def.headings, lang) || id : id;
  };
  const headings: AdoptHeading[] = doc.headings.map((h) => ({
    heading: h.text, level: h.level, line: h.line, section: h.id ?? null, title: titleOf(h.id), duplicate: h.duplicate,
  }));

  // --- the client's name
  const data = block?.parsed.data;
  let client: string | null;
  let clientSource: ClientSource;
  const given = options.client?.trim();
  if (data && 'client' in data) {
    client = typeof data['client'] === 'string' ? data['client'] : null;
    clientSource = 'frontmatter';
  } else if (given) {
    client = given;
    clientSource = 'option';
  } else {
    // The title (level 1), else the first heading that does not name a section ("Goals" is no client's name).
    const title = doc.headings.find((h) => h.level === 1 && clientFromHeading(h.text));
    const first = title ?? doc.headings.find((h) => h.id === undefined && clientFromHeading(h.text));
    const file = baseName(options.fileName);
    if (first) { client = clientFromHeading(first.text); clientSource = title ? 'title' : 'heading'; }
    else if (file) { client = file; clientSource = 'file'; }
    else { client = null; clientSource = 'none'; }
  }

  // --- frontmatter: a new one, or the required keys the present one lacks
  const owner = options.accountOwner?.trim();
  const valueOf = (key: string, placeholder: string): string => {
    if (key === 'client' && client) return yamlString(client);
    if (key === 'start_date') return yamlString(options.today);
    if (key === 'account_owner' && owner) return yamlString(owner);
    return placeholder;
  };
  // Sections and keys required by an if/then that holds for this document (its services, say).
  const conditions = profile.conditions.length ? profile.activeConditions(doc.model) : [];
  const active = { sections: new Set(conditions.flatMap((c) => c.sections.map((x) => x.id))), fields: new Set(conditions.flatMap((c) => c.fields.map((x) => x.key))) };
  const langField = profile.field('lang');
  const keyLines = (present: Record<string, unknown>, isNew: boolean): Array<[string, string]> => {
    const lines: Array<[string, string]> = profile.fields.filter((f) => (f.required || active.fields.has(f.key)) && !(f.key in present))
      .map((f) => [f.key, `${f.key}: ${valueOf(f.key, f.placeholder)}${eol}`]);
    // The language is written down when it is not what a file without `lang` would be read as, and always in a new frontmatter.
    if (langField && !langField.required && !('lang' in present) && (isNew || lang !== defaultLang)) lines.push(['lang', `lang: ${lang}${eol}`]);
    return lines;
  };
  const edits: AdoptEdit[] = [];
  let frontmatterAdded = false;
  let frontmatterUnreadable = false;
  let keysAdded: string[] = [];
  if (!block) {
    const lines = keyLines({}, true);
    if (lines.length) {
      edits.push({ offset: 0, text: `---${eol}${lines.map(([, l]) => l).join('')}---${eol}${eol}` });
      frontmatterAdded = true;
      keysAdded = lines.map(([k]) => k);
    }
  } else {
    const fatal = block.parsed.problems.some((p) => p.fatal);
    const source = text.slice(block.contentStart, block.contentEnd);
    const present = fatal ? undefined : data ?? (source.trim() ? undefined : {});
    if (!present || typeof present !== 'object' || Array.isArray(present)) frontmatterUnreadable = true;
    else {
      const lines = keyLines(present, false);
      if (lines.length) {
        // Appended before the closing fence, as the frontmatter-schema fix does; kept only if the YAML then reads them all.
        const added = lines.map(([, l]) => l).join('');
        const check = parseFrontmatter(source + added, 0);
        if (check.problems.some((p) => p.fatal) || !check.data || lines.some(([k]) => !(k in check.data!))) frontmatterUnreadable = true;
        else {
          edits.push({ offset: block.contentEnd, text: added });
          keysAdded = lines.map(([k]) => k);
        }
      }
    }
  }

  // --- sections: each missing one where the profile's order puts it among those present
  const missing = profile.sections.filter((s) => (s.required || active.sections.has(s.id)) && !doc.sectionHeading(s.id));
  const guidance = options.templates?.[lang] ? templateGuidance(options.templates[lang]!, profile) : undefined;
  const level = doc.firstSectionHeading?.level ?? 2;
  const skeleton = (s: SectionDef): string => sectionSkeleton(level, pickLang(s.headings, lang) || s.id,
    guidance?.get(s.id) ?? asSentence(pickLang(s.hint, lang)), eol);
  const sectionEdits = (list: SectionDef[]): AdoptEdit[] => {
    const groups = new Map<number, SectionDef[]>();
    for (const s of list) {
      let at = insertionOffset(doc, profile, s.id);
      if (at < text.length) at = doc.index.lineStart(doc.index.lineOf(at));
      (groups.get(at) ?? groups.set(at, []).get(at)!).push(s);
    }
    const out: AdoptEdit[] = [];
    for (const [at, group] of groups) {
      group.sort((a, b) => a.order - b.order);
      const body = group.map(skeleton).join('');
      if (at >= text.length) {
        // At the end: after a blank line, and ending with one line ending.
        out.push({ offset: at, text: (at === 0 ? '' : leadAtEnd(text, eol)) + body.slice(0, body.length - eol.length) });
      } else {
        const prev = doc.index.lineOf(at) - 1;
        const blankBefore = at === 0 || !text.slice(doc.index.lineStart(prev), doc.index.lineEnd(prev)).trim();
        out.push({ offset: at, text: (blankBefore ? '' : eol) + body });
      }
    }
    return out;
  };
  let placed = missing;
  const skipped: string[] = [];
  // Text appended inside a code fence or an HTML comment left open at the end would not be a heading.
  if (endsInsideOpenBlock(doc)) {
    const atEnd = new Set(missing.filter((s) => insertionOffset(doc, profile, s.id) >= text.length).map((s) => s.id));
    placed = missing.filter((s) => !atEnd.has(s.id));
    skipped.push(...atEnd);
  }
  let all = merge([...edits, ...sectionEdits(placed)]);
  let out = applyEdits(text, all);
  // Every inserted heading must read as its section, or a second run would insert it again.
  const after = placed.length ? parseDocument(out, profile, defaultLang) : undefined;
  const lost = after ? placed.filter((s) => !after.sectionHeading(s.id)) : [];
  if (lost.length) {
    placed = placed.filter((s) => !lost.includes(s));
    skipped.push(...lost.map((s) => s.id));
    all = merge([...edits, ...sectionEdits(placed)]);
    out = applyEdits(text, all);
  }
  const order = new Map(profile.sections.map((s) => [s.id, s.order]));
  skipped.sort((a, b) => order.get(a)! - order.get(b)!);

  return {
    text: (bom ? BOM : '') + out, changed: all.length > 0, lang, langSource,
    client: clientSource === 'frontmatter' ? client : keysAdded.includes('client') ? client : null,
    clientSource, clientIgnored: !!given && clientSource === 'frontmatter' && given !== client, headings, inserted: placed.map((s) => s.id), skipped,
    frontmatterAdded, keysAdded, frontmatterUnreadable, edits: all,
  };
}

/** One edit per offset, in order; at one offset the earlier-listed text comes first. */
function merge(edits: AdoptEdit[]): AdoptEdit[] {
  const sorted = edits.map((e, i) => ({ e, i })).sort((a, b) => a.e.offset - b.e.offset || a.i - b.i).map(({ e }) => e);
  const out: AdoptEdit[] = [];
  for (const e of sorted) {
    const last = out[out.length - 1];
    if (last && last.offset === e.offset) last.text += e.text;
    else out.push({ ...e });
  }
  return out;
}

function applyEdits(text: string, edits: AdoptEdit[]): string {
  let out = '';
  let from = 0;
  for (const e of edits) {
    out += text.slice(from, e.offset) + e.text;
    from = e.offset;
  }
  return out + text.slice(from);
}

// ---------------------------------------------------------------------------------
// The heading table and the summary, as the CLI prints them and the extension shows them.
// ---------------------------------------------------------------------------------

/** Columns in a terminal: East Asian wide and fullwidth characters take two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x300 && c <= 0x36f) || c === 0x200d || (c >= 0xfe00 && c <= 0xfe0f)) continue;
    w += (c >= 0x1100 && c <= 0x115f) || (c >= 0x2e80 && c <= 0xa4cf) || (c >= 0xac00 && c <= 0xd7a3) ||
      (c >= 0xf900 && c <= 0xfaff) || (c >= 0xfe30 && c <= 0xfe4f) || (c >= 0xff00 && c <= 0xff60) ||
      (c >= 0xffe0 && c <= 0xffe6) || (c >= 0x1f300 && c <= 0x1faff) || (c >= 0x20000 && c <= 0x3fffd) ? 2 : 1;
  }
  return w;
}

function pad(s: string, width: number): string {
  return s + ' '.repeat(Math.max(0, width - displayWidth(s)));
}

/** The table "heading as written → section" (one line per heading; lines end with "\n"). */
export function formatHeadingTable(result: AdoptResult, locale: Locale = 'en'): string {
  const t = translator(locale);
  if (!result.headings.length) return `${t('adopt.no-headings')}\n`;
  const rows = result.headings.map((h) => [
    String(h.line),
    `${'#'.repeat(h.level)} ${h.heading.replace(/\s+/gu, ' ')}`,
    h.level === 1 && h.section === null ? t('adopt.title')
      : h.section === null ? t('adopt.not-a-section')
        : h.duplicate ? t('adopt.duplicate', { section: h.title ?? h.section }) : h.title ?? h.section,
  ]);
  const head = [t('adopt.col-line'), t('adopt.col-heading'), t('adopt.col-section')];
  const widths = head.map((c, i) => Math.max(displayWidth(c), ...rows.map((r) => displayWidth(r[i]!))));
  const line = (cells: string[]) => `${' '.repeat(widths[0]! - displayWidth(cells[0]!))}${cells[0]}  ${pad(cells[1]!, widths[1]!)}  ${cells[2]}`.trimEnd();
  return [line(head), ...rows.map(line)].map((l) => `${l}\n`).join('');
}

/** One sentence for what adopting did (`written`) or would do. */
export function adoptSummary(result: AdoptResult, file: string, written: boolean, locale: Locale = 'en'): string {
  const t = translator(locale);
  if (!result.changed) return t(result.frontmatterUnreadable ? 'adopt.nothing-added' : 'adopt.unchanged', { file });
  const parts: string[] = [];
  if (result.frontmatterAdded) parts.push(t('adopt.part-frontmatter', { client: result.client ?? '' }));
  else if (result.keysAdded.length) parts.push(t(result.keysAdded.length === 1 ? 'adopt.part-key' : 'adopt.part-keys', { keys: result.keysAdded.join(', ') }));
  if (result.inserted.length) parts.push(t(result.inserted.length === 1 ? 'adopt.part-section' : 'adopt.part-sections', { count: result.inserted.length }));
  return t(written ? 'adopt.written' : 'adopt.would', { file, what: parts.join(t('adopt.and')) });
}

/** Warnings to show beside the summary (each one sentence), or none. */
export function adoptWarnings(result: AdoptResult, profile: Profile, locale: Locale = 'en'): string[] {
  const t: Translate = translator(locale);
  const out: string[] = [];
  if (result.clientIgnored) out.push(t('adopt.client-kept', { client: result.client ?? '' }));
  if (result.frontmatterUnreadable) out.push(t('adopt.frontmatter-unreadable'));
  if (result.skipped.length) {
    out.push(t('adopt.skipped', { sections: result.skipped.map((id) => pickLang(profile.section(id)?.headings, result.lang) || id).join(', ') }));
  }
  return out;
}
