// The engine's public surface, shared by the CLI, the extension and the workers.
export * from './types.js';
export { budgetFor, DEFAULT_BUDGET_MS } from './budget.js';
export { createLinter, overBudgetResult, unreadableResult, type Linter, type LinterOptions, type LintCallOptions } from './lint.js';
export { applyFixes } from './fix.js';
export { bundledPacks, bundledProfile, bundledSchema, customProfile, AGENCY_PROFILE_ID } from './bundled.js';
export { createProfile, normalizeValue, ProfileError, type Profile, type SectionDef, type FieldDef, type KnownValue, type Condition, type Clause } from './profile/profile.js';
export { CONFIG_FILE, ConfigError, parseConfig, parseJsonc, positionOf, type PlaybookConfig } from './config.js';
export { discoverPlaybooks, hasClientKey, isMarkdownPath, configMatchers, dirnamePosix, type FileHost, type DiscoveredFile, type EntryKind } from './discovery.js';
export { decodeUtf8, MAX_FILE_BYTES, type Decoded } from './text/decode.js';
export { translator, toLocale, pickLang, type Translate } from './messages/index.js';
export { rules, RULE_IDS, ruleUrl, FILE_UNREADABLE } from './rules/index.js';
export { normalizeHeading } from './parse/headings.js';
export { parseMarkdown } from './parse/markdown.js';
export { refusal } from './parse/hostile.js';
export { setupLinter, parsePack, resolvePosix, type SetupOptions } from './setup.js';
export { adoptDocument, adoptSummary, adoptWarnings, formatHeadingTable, AdoptError, type AdoptOptions, type AdoptResult, type AdoptHeading, type AdoptEdit } from './adopt.js';
