// secret: a credential written in the playbook. A playbook lives in git, so a password
// pasted there is in every clone and in the history for good (the Tools & Access
// section is where logins change hands: ../shared/domain/onboarding.md, tools row).
// Two parts, both over the whole file: the frontmatter, prose, code blocks and HTML
// comments alike (credentials are pasted into code blocks too):
// - known token shapes, through secretlint's recommended preset (secrets/tokens.ts);
// - password fields in prose, from the phrase packs' "secrets" blocks (secrets/fields.ts).
// The finding covers the value and never repeats it: its message names the kind, its key
// holds the kind and the section, not the text (lint.ts also keeps the text out of every
// other finding). The fix replaces the value with the pack's placeholder.
import type { MessageKey } from '../messages/index.js';
import { scanTokens, type TokenHit } from '../secrets/tokens.js';
import { SECRET_RULE_ID } from './ids.js';
import type { Rule } from './rule.js';

export { SECRET_RULE_ID };


/** Token kinds with a name of their own in the messages (secretlint rule ids without their prefix). */
const KINDS = new Set(['aws', 'gcp', 'github', 'slack', 'npm', 'openai', 'anthropic', 'linear', 'sendgrid', 'shopify', '1password',
  'privatekey', 'database-connection-string', 'basicauth']);

/** "scheme://user:PASSWORD@host": only the password is the secret (and what the fix replaces). */
const USERINFO = /^[a-z][a-z0-9+.-]*:\/\/[^:@/\s]*:([^@\s]+)@/i;
/**
 * `aws_secret_access_key = "KEY"`: the key, not its name. (secretlint 11 reports the key's
 * length from where its name starts, so the key is looked up after the name.)
 */
const AWS_SECRET = /^[^=:\n]{0,80}[=:][ \t]*["'`]?([A-Za-z0-9/+=]{40})(?![A-Za-z0-9/+=])/;

export const secret: Rule = {
  id: SECRET_RULE_ID,
  description: 'A password, token or private key written in the playbook, where git keeps it in every clone and in the history.',
  defaultSeverity: 'error',
  fixable: true,
  run(ctx) {
    const { doc, t } = ctx;
    const text = doc.text;
    const replacement = ctx.secretFields?.replacement ?? '<in the password manager>';
    const tokens = scanTokens(text).map(narrow(text));
    const fix = (start: number, end: number) => ({ start, end, text: replacement, title: t('fix.replace', { text: replacement }) });
    const found: Array<{ start: number; end: number; kind: string }> = [];
    for (const hit of tokens) {
      if (found.some((f) => f.start < hit.end && hit.start < f.end)) continue;
      found.push(hit);
    }
    for (const hit of ctx.secretFields?.find(text) ?? []) {
      if (found.some((f) => f.start < hit.end && hit.start < f.end)) continue;
      found.push({ start: hit.start, end: hit.end, kind: 'password' });
    }
    found.sort((a, b) => a.start - b.start);
    for (const f of found) {
      const message = f.kind === 'password'
        ? t('secret.password')
        : t('secret.token', { kind: t((KINDS.has(f.kind) ? `secret.kind.${f.kind}` : 'secret.kind.other') as MessageKey) });
      ctx.report({ start: f.start, end: f.end, keyText: f.kind, message, fix: fix(f.start, f.end), data: { kind: 'secret', category: f.kind } });
    }
  },
};

/** A connection string or a link with a password, a named AWS secret: the finding covers the secret alone. */
function narrow(text: string): (hit: TokenHit) => TokenHit {
  return (hit) => {
    const matched = text.slice(hit.start, hit.end);
    const m = USERINFO.exec(matched);
    if (m) {
      const start = hit.start + m[0].length - 1 - m[1]!.length;
      return { ...hit, start, end: start + m[1]!.length };
    }
    const aws = hit.kind === 'aws' ? AWS_SECRET.exec(text.slice(hit.start, hit.start + 160)) : null;
    if (aws) {
      const start = hit.start + aws[0].length - 40;
      return { ...hit, start, end: start + 40 };
    }
    return hit;
  };
}
