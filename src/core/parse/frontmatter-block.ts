// Where the frontmatter ends, for the pre-scans that run before parsing (hostile.ts,
// parse-cost.ts): its lines are YAML, not Markdown. A scan of lines, not a regular
// expression: the one it replaces, /(?:[^\r\n]*(?:\r\n|\r|\n))*?/, could read a CRLF
// line ending as "\r" then "\n" and so backtracked exponentially on a frontmatter that is
// never closed (24 CRLF lines took 1.1 s, a few more took minutes).

const OPEN = /^\uFEFF?---[ \t]*(?:\r\n|\r|\n)/;
const CLOSE = /^(?:---|\.\.\.)[ \t]*$/;

/** The length of the frontmatter block at the start of `text`, both fences and the closing line ending included; 0 when there is none or it is never closed. */
export function frontmatterBlockLength(text: string): number {
  const open = OPEN.exec(text);
  if (!open) return 0;
  for (let i = open[0].length; i < text.length;) {
    let j = i;
    while (j < text.length && text.charCodeAt(j) !== 10 && text.charCodeAt(j) !== 13) j++;
    const next = j + (text.charCodeAt(j) === 13 && text.charCodeAt(j + 1) === 10 ? 2 : j < text.length ? 1 : 0);
    if (CLOSE.test(text.slice(i, j))) return next;
    i = next;
  }
  return 0;
}
