// Filling a playbook template (templates/agency.<lang>.md): shared by `playbook-lint new`
// and the extension's "New playbook from template".

/** A file name from a client name: "Acme Outdoor Co." → "acme-outdoor-co" (letters of any script kept). */
export function slugify(name: string): string {
  const slug = name.normalize('NFKC').toLowerCase().replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-+|-+$/g, '');
  return slug || 'playbook';
}

/** Fill a template's {{placeholders}}; inside a double-quoted YAML scalar, escape what YAML reads specially. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (m, key: string, offset: number) => {
    if (!(key in values)) return m;
    const v = values[key]!;
    return template[offset - 1] === '"' ? v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') : v.replace(/[\r\n]+/g, ' ');
  });
}

/** Today in the user's time zone, as YYYY-MM-DD (a start date is a local date). */
export function localDate(d = new Date()): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
}

/**
 * A section as it is inserted into a document (the required-section fix, `adopt`): the
 * heading, a blank line, then the guidance as an HTML comment and a blank line. `guidance`
 * is the comment's text without its markers (none when empty).
 */
export function sectionSkeleton(level: number, heading: string, guidance: string, eol: string): string {
  return `${'#'.repeat(level)} ${heading}${eol}${eol}${guidance ? `<!-- ${guidance} -->${eol}${eol}` : ''}`;
}
