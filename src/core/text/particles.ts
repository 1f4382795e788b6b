// Korean particles that change with the word before them: 을/를, 이/가, 은/는, 과/와,
// 으로/로... A fix that swaps "리타겟팅을" for "광고" must also swap 을 for 를, or it
// writes "광고을". Only a whole run of Hangul written right after the word, that is one of
// these forms, is touched: anything else is left as written.

/** Each particle as written after a final consonant, and after a vowel. */
const PAIRS: Array<[string, string]> = [
  ['을', '를'], ['이', '가'], ['은', '는'], ['과', '와'], ['으로', '로'], ['으로는', '로는'],
  ['으로도', '로도'], ['으로서', '로서'], ['으로써', '로써'], ['이나', '나'], ['이랑', '랑'],
  ['이라는', '라는'], ['이라고', '라고'], ['이며', '며'], ['이에요', '예요'], ['이었다', '였다'],
];
const FORMS = new Map<string, number>(PAIRS.flatMap(([a, b], i) => [[a, i], [b, i]] as Array<[string, number]>));
const HANGUL_RUN = /^[\uAC00-\uD7A3]+/;
const RIEUL = 8;

/** The final consonant of a Hangul syllable (0: none), or undefined for any other character. */
function finalOf(ch: string | undefined): number | undefined {
  const c = ch === undefined ? NaN : ch.charCodeAt(0) - 0xac00;
  return c >= 0 && c < 11172 ? c % 28 : undefined;
}

/** The syllable a particle agrees with: the word's last, before a closing "(KPI)" if there is one. */
function lastSyllable(word: string): string | undefined {
  const bare = word.replace(/\s*\([^()]*\)\s*$/, '');
  return bare[bare.length - 1];
}

/**
 * The particle at the start of `after` rewritten to agree with `word`, with its length,
 * or undefined when there is none or it already agrees.
 */
export function agreeingParticle(word: string, after: string): { length: number; text: string } | undefined {
  const run = HANGUL_RUN.exec(after)?.[0];
  const pair = run === undefined ? undefined : FORMS.get(run);
  const final = finalOf(lastSyllable(word));
  if (pair === undefined || final === undefined) return undefined;
  const [consonant, vowel] = PAIRS[pair]!;
  // 으로 after ㄹ is 로, as after a vowel.
  const wanted = final === 0 || (final === RIEUL && consonant.startsWith('으')) ? vowel : consonant;
  return wanted === run ? undefined : { length: run!.length, text: wanted };
}
