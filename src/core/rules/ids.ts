// Where each rule's documentation lives. Kept apart from the registry so that code
// which only needs the link (the result cache) does not load every rule and the parser.
export const DOCS_BASE = 'https://github.com/playbook-lint/playbook-lint/blob/main/docs/rules/';

/** The credential guard's id: outputs treat its findings apart (they lead a PR report, and SARIF hashes their keys). */
export const SECRET_RULE_ID = 'secret';

export function ruleUrl(id: string): string {
  return `${DOCS_BASE}${id}.md`;
}
