// What a rule is and what it gets. Rules report offsets and a key text; the wrapper
// in lint.ts stamps rule id, severity, docs URL, position, section and key.
import type { ErrorObject } from 'ajv';
import type { Translate } from '../messages/index.js';
import type { ParsedDoc } from '../parse/document.js';
import type { PhraseMatcher } from '../phrases/matcher.js';
import type { FieldMatcher } from '../secrets/fields.js';
import type { Condition, Profile } from '../profile/profile.js';
import type { Agenda } from '../tasks.js';
import type { Finding, Fix, Lang, Locale, Severity } from '../types.js';

export interface Report {
  start: number;
  end: number;
  message: string;
  /** Text that identifies the finding independent of its line (normalised by the wrapper). */
  keyText: string;
  /** Overrides the rule's default severity (e.g. a recommended section is a warning). */
  severity?: Severity;
  /** Defaults to the section that holds `start`. */
  section?: string | null;
  fix?: Fix;
  related?: Array<{ start: number; end: number; message: string }>;
  data?: Finding['data'];
}

export interface RuleContext {
  doc: ParsedDoc;
  profile: Profile;
  /** The file's language (headings, phrase packs). */
  lang: Lang;
  /** The reader's language (messages, hints). */
  locale: Locale;
  t: Translate;
  /** ajv errors of the model against the profile, computed once. */
  schemaErrors: ErrorObject[];
  /** The profile's if/then branches that hold for this document (conditional requirements). */
  conditions: Condition[];
  banned: PhraseMatcher;
  jargon: PhraseMatcher;
  /** Today (YYYY-MM-DD), for due dates and check-ins. */
  today: string;
  /** The document's tasks and check-ins, read once. */
  agenda: Agenda;
  /** Password fields of the packs (every language's), or null when no pack has any. */
  secretFields: FieldMatcher | null;
  report(report: Report): void;
}

export interface Rule {
  id: string;
  description: string;
  defaultSeverity: Severity;
  fixable: boolean;
  run(context: RuleContext): void;
}
