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

/** What `activeConditions` needs of a profile (kept narrow so templates do not depend on the whole engine). */
interface ConditionalProfile {
  normalizeFrontmatter(data: Record<string, unknown>): Record<string, unknown>;
  activeConditions(model: unknown): Array<{ sections: Array<{ id: string }>; fields: Array<{ key: string }> }>;
}

const BLOCK = /^\{\{#(section|key) ([^}\s]+)\}\}\r?\n([\s\S]*?)^\{\{\/\1\}\}\r?\n/gm;

/**
 * Keep a template's conditional blocks for what the services require, drop the others:
 * `{{#section ad-accounts}}` ... `{{/section}}` and `{{#key ad_budget_monthly}}` ... `{{/key}}`
 * stay when an if/then of the profile that holds for these services requires that
 * section or key. The profile decides, so the template never repeats its conditions.
 */
export function selectTemplateBlocks(template: string, profile: ConditionalProfile, services: string[]): string {
  const frontmatter = profile.normalizeFrontmatter(Object.assign(Object.create(null) as Record<string, unknown>, { services }));
  const active = profile.activeConditions({ title: null, lang: 'en', frontmatter, sections: {} });
  const sections = new Set(active.flatMap((c) => c.sections.map((s) => s.id)));
  const keys = new Set(active.flatMap((c) => c.fields.map((f) => f.key)));
  return template.replace(BLOCK, (_m, kind: string, id: string, body: string) => ((kind === 'section' ? sections : keys).has(id) ? body : ''));
}

/** "seo, Paid Social" or ["seo", "Paid Social"] → the list, as written, without empty items. */
export function parseServices(value: string | string[] | undefined): string[] {
  const parts = Array.isArray(value) ? value.flatMap((v) => v.split(',')) : (value ?? '').split(',');
  return parts.map((s) => s.trim()).filter(Boolean);
}

/** The services as a YAML flow list's items: plain where that is safe, else double-quoted. */
export function servicesYaml(services: string[]): string {
  return services.map((s) => (/^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u.test(s) && !/^(?:true|false|null|~|[-+]?\d[\d_.]*)$/i.test(s) ? s : JSON.stringify(s))).join(', ');
}

/** A template filled for a client: its conditional blocks chosen by the services, then its {{placeholders}}. */
export function renderTemplate(template: string, profile: ConditionalProfile, values: Record<string, string>, services: string[]): string {
  return fillTemplate(selectTemplateBlocks(template, profile, services), { ...values, services: servicesYaml(services) });
}
