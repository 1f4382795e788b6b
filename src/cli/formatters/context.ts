// What every formatter is told about where and how its output is shown.
import type { Locale } from '../../core/types.js';

export interface FormatContext {
  /** Paths in the output are relative to this folder. */
  cwd: string;
  /** ANSI colours (only on a terminal, never with NO_COLOR). */
  color: boolean;
  locale: Locale;
}
