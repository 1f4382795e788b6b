// The rule registry, in reporting order.
import { bannedPhrase } from './banned-phrase.js';
import { duplicateSection } from './duplicate-section.js';
import { emptySection } from './empty-section.js';
import { followUpOverdue } from './follow-up-overdue.js';
import { frontmatterSchema } from './frontmatter-schema.js';
import { jargon } from './jargon.js';
import { requiredSection } from './required-section.js';
import { secret } from './secret.js';
import type { Rule } from './rule.js';
import { taskOverdue } from './task-overdue.js';
import { taskSyntax } from './task-syntax.js';
import { vagueGoal } from './vague-goal.js';

export type { Rule, RuleContext } from './rule.js';

export const rules: readonly Rule[] = [
  frontmatterSchema, requiredSection, emptySection, duplicateSection, bannedPhrase, jargon, vagueGoal,
  taskSyntax, taskOverdue, followUpOverdue, secret,
];

/** Findings the engine makes outside the rules (the file could not be read at all). */
export const FILE_UNREADABLE = {
  id: 'file-unreadable',
  description: 'The file is not valid UTF-8, looks binary, or is larger than the size cap.',
  defaultSeverity: 'error' as const,
  fixable: false,
};

export const RULE_IDS: readonly string[] = [...rules.map((r) => r.id), FILE_UNREADABLE.id];

export { DOCS_BASE, ruleUrl } from './ids.js';
