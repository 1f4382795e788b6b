// Undefined acronyms as a general rule: any all-caps word of two or more capitals (digits
// may follow or sit inside: GA4, B2B), optionally with a plural "s" ("KPIs") or a Korean
// particle after it ("KPI를"), that is not on the known list (CEO, URL, PDF...). A run of
// two or more all-caps words is shouting ("WE GUARANTEE"), not acronyms.
// The regexes here are fixed (no user input) and have no nested repeats.

export interface AcronymHit {
  start: number;
  end: number;
  /** The acronym without a plural "s", upper-case. */
  acronym: string;
}

const TOKEN = /(?<![A-Za-z0-9_&'’#])([A-Z][A-Z0-9]{1,9})(s?)(?![A-Za-z0-9_&'’])/g;
// A colour code ("E8D8B0") is not an acronym: six or eight hex digits, at least one a digit.
const HEX_COLOUR = /^(?=[A-F]*[0-9])[0-9A-F]{6}(?:[0-9A-F]{2})?$/;
const CAPS_WORD = /^[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*$/;
const CAPS_BEFORE = /(?:^|[^A-Za-z0-9_])[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*[ \t]+$/;
const CAPS_AFTER = /^[ \t]+[A-Z][A-Z0-9]*[A-Z][A-Z0-9]*(?![A-Za-z0-9_])/;

export function findAcronyms(text: string, known: ReadonlySet<string>): AcronymHit[] {
  if (!/[A-Z][A-Z0-9]*[A-Z]/.test(text)) return [];
  const out: AcronymHit[] = [];
  TOKEN.lastIndex = 0;
  for (let m = TOKEN.exec(text); m; m = TOKEN.exec(text)) {
    const word = m[1]!;
    if (!CAPS_WORD.test(word) || known.has(word) || HEX_COLOUR.test(word)) continue;
    const start = m.index;
    const end = start + m[0].length;
    if (CAPS_BEFORE.test(text.slice(Math.max(0, start - 16), start)) || CAPS_AFTER.test(text.slice(end, end + 16))) continue;
    out.push({ start, end, acronym: word });
  }
  return out;
}
