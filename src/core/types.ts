// The engine's public shapes. Everything here is plain JSON so that results can
// cross worker threads, be cached on disk and be printed as the CLI's `--format json`.

export type Severity = 'error' | 'warning' | 'info';
export type SeveritySetting = Severity | 'off';
export type Lang = 'en' | 'ko';
export type Locale = 'en' | 'ko';

/** 1-based line and column; columns count UTF-16 code units; end is exclusive; a BOM is not counted. */
export interface Range {
  line: number;
  column: number;
  endLine: number;
  endColumn: number;
}

/** A text edit on the document as the engine saw it (offsets are UTF-16 offsets into the text without its BOM). */
export interface Fix {
  /** Start offset (inclusive) into the BOM-less text. */
  start: number;
  /** End offset (exclusive). Equal to start for an insertion. */
  end: number;
  text: string;
  /** Short label for a quick fix, already localised. */
  title: string;
}

export interface RelatedInfo extends Range {
  message: string;
}

export interface Finding extends Range {
  ruleId: string;
  severity: Severity;
  message: string;
  fixable: boolean;
  /** Id of the section the finding sits in, or null. */
  section: string | null;
  /** Stable identity: rule id + section + normalised matched text or missing item (+ occurrence). */
  key: string;
  /** Link to docs/rules/<id>.md. */
  url: string;
  fix?: Fix;
  related?: RelatedInfo[];
  /** What the finding is about, for adapters: the missing section/field id, the matched phrase. */
  data?: { kind?: MissingKind | 'phrase' | 'secret'; id?: string; text?: string; suggestion?: string; category?: string; due?: string };
}

export type MissingKind = 'section' | 'field' | 'task' | 'follow-up';

export interface MissingItem {
  kind: MissingKind;
  id: string;
  title: string;
  /** Where to go in the file for this item (insertion line for a missing section). */
  line: number;
  /** The owners a task names (`@sam`), without the `@`; absent when it names none. */
  owners?: string[];
}

export interface Completeness {
  score: number;
  missing: MissingItem[];
}

export interface TaskCount {
  open: number;
  done: number;
}

export interface SectionModel {
  heading: string;
  level: number;
  line: number;
  words: number;
  tasks: TaskCount;
  /** True when the section holds nothing but placeholders ("TBD", "TODO", "N/A", "-", HTML comments). */
  empty: boolean;
}

/** The JSON document that the profile schema validates. */
export interface PlaybookModel {
  title: string | null;
  lang: Lang;
  /** Absent when the file has no frontmatter or it could not be parsed. */
  frontmatter?: Record<string, unknown>;
  sections: Record<string, SectionModel>;
}

/**
 * A task (a checklist item) or a check-in of the profile's schedule, as `playbook-lint tasks`,
 * the Tasks view and the status bar list them (src/core/tasks.ts).
 */
export interface PlaybookItem {
  kind: 'task' | 'follow-up';
  /** Stable within the file (does not change when lines move): "task:<text>" or "follow-up:<id>". */
  key: string;
  /** 1-based line: the task's list item, or the Follow-ups heading (where it would be inserted). */
  line: number;
  /** The task's text without its owner and date tokens; a check-in's name. */
  text: string;
  /** Owners without "@" (a check-in's: the frontmatter's account_owner). */
  owners: string[];
  /** YYYY-MM-DD or null. */
  due: string | null;
  done: boolean;
  /** When it was done (done:/✅), if recorded. */
  doneDate: string | null;
  /** Open, and due before today. */
  overdue: boolean;
  /** Open, and due today (not overdue). */
  dueToday: boolean;
  /** Id of the section the item sits in, or null. */
  section: string | null;
  /** The check-in of the profile's schedule the item is (a follow-up) or mentions (a task), if any. */
  checkIn: { id: string; label: string; due: string } | null;
}

export interface LintResult {
  client: string | null;
  /** The frontmatter's `account_owner` (who answers for the client), or null; absent on results made before it was read. */
  owner?: string | null;
  lang: Lang;
  completeness: Completeness;
  findings: Finding[];
  model: PlaybookModel;
  /** The playbook's tasks and check-ins (absent for a file that could not be read, and in cached CLI results). */
  tasks?: PlaybookItem[];
}

/** A pattern of a phrase entry, with where in a clause it counts. */
export interface PhraseVariant {
  /** Pattern form (schemas/phrase-pack.schema.json): "to be (honest|frank)", "{client} [are] (always|never)". */
  pattern: string;
  /**
   * "clause-start": only where a clause starts (after the text's start, punctuation or a
   * joining word such as "and"); "clause-edge": there or where a clause ends ("Honestly, ...",
   * "..., frankly." but not "we honestly report").
   */
  at?: 'clause-start' | 'clause-edge';
}

/** A phrase pack entry: its literal phrase (case- and whitespace-insensitive), or its variants. */
export interface PhraseEntry {
  /** The canonical phrase: matched literally when there are no variants; names the finding (its key) either way. */
  phrase: string;
  why: string;
  suggestion?: string;
  /** For jargon acronyms: fine once defined in the same document. */
  acronym?: boolean;
  /** The kind of wording ("honesty", "hedge", "jargon"...): reported in the finding's data. */
  category?: string;
  /** Patterns matched instead of the literal phrase. */
  variants?: Array<string | PhraseVariant>;
  /** Patterns that cancel a match starting at the same place ("{client} never (have|need) to"). */
  except?: string[];
}

export interface PhrasePack {
  lang: Lang;
  /** Source name, shown in errors ("bundled:en", a file path). */
  source: string;
  banned: PhraseEntry[];
  jargon: PhraseEntry[];
  /** Slot values for patterns ("client": ["you", "your team"]); packs of one language add up. */
  slots?: Record<string, string[]>;
  /** Words after which a clause starts, for "at" constraints ("and", "but"; "그리고"). */
  clauseWords?: string[];
  /** All-caps acronyms every client knows (CEO, URL, PDF): never reported by the acronym check. */
  knownAcronyms?: string[];
  /** Password fields for the `secret` rule; packs of one language add up. */
  secrets?: SecretFieldPack;
}

/** A pack's password fields: "Password: hunter2", "비밀번호는 qwer1234입니다". */
export interface SecretFieldPack {
  /** Patterns (the pattern form) naming a password field: "password[s]", "pin [code]", "비밀번호". */
  fields?: string[];
  /** What joins a field to its value: punctuation (":", "=") or a word ("is", "은"); a word needs a value that looks like one. */
  separators?: string[];
  /** Patterns for a value that is a reference, not a password ("in 1Password", "ask *", "TBD"), matched where the value starts. */
  placeholders?: string[];
  /** The quick fix's text for the value: "<in the password manager>". */
  replacement?: string;
}
