// Bytes to result: strict decoding first, so a binary, non-UTF-8 or huge file gets
// one file-unreadable finding and never reaches the parser.
import type { Linter } from '../core/lint.js';
import { unreadableResult } from '../core/lint.js';
import { translator } from '../core/messages/index.js';
import { decodeUtf8, MAX_FILE_BYTES } from '../core/text/decode.js';
import type { Locale, LintResult } from '../core/types.js';

export function lintBytes(linter: Linter, bytes: Uint8Array, today: string, locale: Locale): Omit<LintResult, 'model'> {
  const decoded = decodeUtf8(bytes);
  if (!decoded.ok) {
    const t = translator(locale);
    const detail = decoded.reason === 'too-large' ? t('file.too-large', { limit: `${MAX_FILE_BYTES / 1024 / 1024} MB` })
      : decoded.reason === 'binary' ? t('file.binary') : t('file.not-utf8', { byte: decoded.byte ?? 0 });
    const setting = linter.options.rules?.['file-unreadable'];
    const { model: _m, ...rest } = unreadableResult(detail, locale, setting ?? 'error');
    return rest;
  }
  try {
    const { model: _m, ...rest } = linter.lint(decoded.text, { today });
    return rest;
  } catch (e) {
    // The engine should never throw; if it does, one file fails, not the run.
    const { model: _m, ...rest } = unreadableResult(`internal error: ${(e as Error).message}`, locale);
    return rest;
  }
}
