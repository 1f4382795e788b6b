// Phrase categories as patterns (issue #15): the pattern compiler (each construct, broken
// and hostile patterns), the bundled packs per category and language (true positives and
// near misses), context constraints, undefined acronyms as a general rule, pack loading
// errors with their place, and the quick fixes on matched variants.
import { strict as assert } from 'node:assert';
import {
  applyFixes, bundledPacks, bundledProfile, ConfigError, createLinter, parsePack, setupLinter, type Finding, type PhraseEntry,
} from '../../src/core/index.js';
import { compilePhrases, PhraseCompileError } from '../../src/core/phrases/matcher.js';
import { expansions, parsePattern, PatternError, toRe2 } from '../../src/core/phrases/pattern.js';
import { lint } from './helpers.js';

/** A one-sentence playbook (the bench's shape): the sentence is the Welcome section's prose. */
function playbook(lang: 'en' | 'ko', sentence: string): string {
  const heading = lang === 'ko' ? '환영 및 킥오프' : 'Welcome & Kickoff';
  return `---\nclient: "Test Client"\nlang: ${lang}\n---\n\n# Test Client\n\n## ${heading}\n\n${sentence}\n`;
}

const phraseFindings = (text: string): Finding[] => lint(text).findings.filter((f) => f.ruleId === 'banned-phrase' || f.ruleId === 'jargon');
const found = (lang: 'en' | 'ko', sentence: string): string[] =>
  phraseFindings(playbook(lang, sentence)).map((f) => `${f.data?.category}:${f.data?.text}`);

function caught(lang: 'en' | 'ko', category: string, sentences: string[]): void {
  for (const s of sentences) {
    const got = found(lang, s);
    assert.ok(got.some((g) => g.startsWith(`${category}:`)), `${lang} "${s}" should be ${category}, got [${got.join(', ')}]`);
  }
}

function clean(lang: 'en' | 'ko', sentences: string[]): void {
  for (const s of sentences) assert.deepEqual(found(lang, s), [], `${lang} "${s}" should trigger nothing`);
}

const entry = (variants: PhraseEntry['variants'], extra: Partial<PhraseEntry> = {}): PhraseEntry =>
  ({ phrase: 'x', why: 'w', ...(variants ? { variants } : {}), ...extra });
const matchTexts = (variants: PhraseEntry['variants'], text: string, lang: 'en' | 'ko' = 'en', slots?: Record<string, string[]>, extra: Partial<PhraseEntry> = {}) =>
  compilePhrases([entry(variants, extra)], { lang, ...(slots ? { slots } : {}) }).find(text).map((m) => m.text);

describe('phrase patterns', () => {
  describe('the compiler, construct by construct', () => {
    it('words: case-insensitive, any run of whitespace, on word edges', () => {
      assert.deepEqual(matchTexts(['I think'], 'Well, i   think\nso. I thinks. Hi think.'), ['i   think']);
    });

    it('(a|b): alternatives, nested, with spaces inside', () => {
      assert.deepEqual(matchTexts(["if I('m| am) being (honest|frank)"], "If I'm being frank; if I am being honest"), ["If I'm being frank", 'if I am being honest']);
    });

    it('[a]: optional parts, their space going with them', () => {
      const v = ['[just] to be [perfectly|brutally] honest'];
      assert.deepEqual(matchTexts(v, 'To be honest. Just to be brutally honest. to be perfectly honest'), ['To be honest', 'Just to be brutally honest', 'to be perfectly honest']);
      assert.deepEqual(matchTexts(['omni[-| ]channel'], 'omnichannel, omni-channel, omni channel'), ['omnichannel', 'omni-channel', 'omni channel']);
    });

    it('{slot}: the values of the language\'s slot', () => {
      const slots = { client: ['you', 'your (team|company)'] };
      assert.deepEqual(matchTexts(['{client} (never|always)'], 'You never reply; your team always waits; we always reply.', 'en', slots), ['You never', 'your team always']);
    });

    it('...: a short gap inside one sentence', () => {
      assert.deepEqual(matchTexts(['당연히 ... 수 있습니다'], '당연히 전환율을 50% 높일 수 있습니다.', 'ko'), ['당연히 전환율을 50% 높일 수 있습니다']);
      assert.deepEqual(matchTexts(['of course ... can'], 'Of course. We can.'), []);
    });

    it('*: any one word', () => {
      assert.deepEqual(matchTexts(['your * team (never|always)'], 'Your legal team never signs; your team always does.'), ['Your legal team never']);
    });

    it('\\x: a special character as itself; an apostrophe matches both forms', () => {
      assert.deepEqual(matchTexts(['\\(beta\\)'], 'the (beta) plan'), ['(beta)']);
      assert.deepEqual(matchTexts(["don't"], 'We don’t and we don\'t'), ['don’t', "don't"]);
    });

    it('Korean: spacing optional, particles attach, no start inside a word', () => {
      assert.deepEqual(matchTexts(['제 생각에는'], '제생각에는 좋습니다. 제 생각에는 좋습니다.', 'ko'), ['제생각에는', '제 생각에는']);
      assert.deepEqual(matchTexts(['리타(게|겟|기)팅'], '리타겟팅을 하고 리타게팅도 하고 리타기팅까지', 'ko'), ['리타겟팅', '리타게팅', '리타기팅']);
      assert.deepEqual(matchTexts(['제 생각에는'], '문제 생각에는 없습니다.', 'ko'), []);
    });

    it('an acronym entry takes a plural "s" and a Korean particle', () => {
      assert.deepEqual(matchTexts(undefined, 'KPIs, KPI를, KPIx', 'en', undefined, { phrase: 'KPI', acronym: true }), ['KPIs', 'KPI']);
    });

    it('compiles to RE2 syntax with no backtracking constructs', () => {
      const re = toRe2(parsePattern("to be [really] (honest|frank)"), 'en', new Map());
      assert.ok(!/\(\?[=!<]/.test(re), re);
    });
  });

  describe('broken and hostile patterns', () => {
    const broken: Array<[string, RegExp, number]> = [
      ['to be (honest', /not closed/, 6],
      ['to be honest)', /unexpected "\)"/, 12],
      ['to be (honest|)', /empty alternative/, 14],
      ['{Client} never', /slot name/, 0],
      ['trailing \\', /at the end/, 9],
    ];
    for (const [pattern, message, offset] of broken) {
      it(`refuses ${JSON.stringify(pattern)} with its offset`, () => {
        assert.throws(() => parsePattern(pattern), (e: unknown) => e instanceof PatternError && message.test(e.detail) && e.offset === offset);
      });
    }

    it('refuses an unknown slot at compile time', () => {
      assert.throws(() => compilePhrases([entry(['{nobody} never'])], { lang: 'en' }),
        (e: unknown) => e instanceof PhraseCompileError && /unknown slot \{nobody\}/.test(e.detail) && e.variant === 0);
    });

    it('refuses a pattern that spells too many phrases, and one too long', () => {
      const bomb = Array.from({ length: 30 }, () => '(a|a)').join('');
      assert.ok(expansions(parsePattern(bomb), new Map()) > 100_000);
      assert.throws(() => compilePhrases([entry([bomb])], { lang: 'en' }), (e: unknown) => e instanceof PhraseCompileError && /spells more than/.test(e.detail));
      assert.throws(() => parsePattern('a'.repeat(401)), PatternError);
    });

    it('runs "(a+)+$" as text, in linear time: a catastrophic regex is just words here', () => {
      const m = compilePhrases([entry(['(a+)+$'])], { lang: 'en' });
      assert.deepEqual(m.find(`${'a'.repeat(50)}!`), []);
      assert.deepEqual(m.find('the a++$ sign').map((x) => x.text), ['a++$']);
      // Nested optional groups over a long run of the same letter finish too (RE2 does not backtrack).
      const nested = compilePhrases([entry(['a[a][a][a][a][a][a][a][a][a][a][a][a][a][a][a] b'])], { lang: 'en' });
      assert.deepEqual(nested.find(`${'a'.repeat(20000)}!`), []);
    });
  });

  describe('context a literal cannot tell', () => {
    it('a hedge at a clause edge, not a manner adverb', () => {
      caught('en', 'honesty', ['Honestly, the first month is busy.', 'The audit is done and honestly it went well.', 'We are late, frankly.', 'Frankly speaking, the budget is small.']);
      clean('en', ['We honestly report every number, good or bad.', 'We report honestly and on time.']);
    });

    it('a negative universal is about the client, not about us', () => {
      caught('en', 'negative-universal', ['You never send feedback on time.', 'You guys always change the brief.', 'Your team never replies before Friday.', "You're always late with approvals."]);
      clean('en', ['We always reply within 24 hours.', 'Our team never shares passwords by email.', 'You can always call the backup contact.', 'You never have to chase us for the report.']);
      caught('ko', 'negative-universal', ['고객님께서는 항상 마감 직전에 자료를 주십니다.', '귀사는 늘 승인이 늦습니다.', '고객님은 절대 피드백을 주지 않으십니다.']);
      clean('ko', ['저희는 항상 12시간 안에 답변드립니다.', '저희 팀은 절대 비밀번호를 이메일로 보내지 않습니다.']);
    });
  });

  describe('the bundled packs, category by category', () => {
    it('honesty', () => {
      caught('en', 'honesty', ['To be frank, the budget is tight.', "If I'm being honest, we are late.", 'In all honesty, the copy needs work.', 'Truth be told, the launch slipped.']);
      caught('ko', 'honesty', ['솔직히 말씀드리면 일정이 빠듯합니다.', '솔직하게 말씀드리면 예산이 부족합니다.', '솔직히 말해서 시안이 늦었습니다.', '솔직히 말하자면 결과가 아쉽습니다.']);
      clean('ko', ['저희는 모든 수치를 솔직하게 보고합니다.']);
    });

    it('hedge', () => {
      caught('en', 'hedge', ['I believe we should start with search.', 'I feel like we should test two headlines.', 'In my opinion, the blog needs a refresh.']);
      caught('ko', 'hedge', ['제 생각에는 블로그를 먼저 손봐야 합니다.', '제 생각엔 예산을 늘려야 합니다.', '제생각에는 검색 광고가 먼저입니다.']);
      clean('en', ['We think in quarters, not weeks.', 'Our thinking is in the attached brief.']);
    });

    it('comprehension-check', () => {
      caught('en', 'comprehension-check', ['Does this make sense?', 'Make sense?', 'Do you understand the billing cycle?', 'Is that clear?']);
      caught('ko', 'comprehension-check', ['이해가 되시나요?', '말이 되나요?', '이해되셨죠?', '무슨 말인지 아시겠어요?']);
      clean('en', ['It makes sense to start with paid search.', 'What questions do you have?']);
      clean('ko', ['어떤 질문이 있으신가요?', '이해를 돕기 위해 예시를 첨부합니다.']);
    });

    it('due-respect', () => {
      caught('en', 'due-respect', ['With all due respect, the logo is dated.', 'No offense, but the copy needs work.', 'Respectfully, the numbers are from 2022.']);
      caught('ko', 'due-respect', ['외람된 말씀이지만 로고가 낡아 보입니다.', '외람되지만 수치가 오래되었습니다.', '모든 정당한 존경심으로 말씀드립니다.']);
      clean('en', ['With respect to the budget, the plan is fixed.', 'We respect your brand guidelines.']);
      clean('ko', ['실례지만 담당자님 직함을 확인할 수 있을까요?']);
    });

    it('know-it-all', () => {
      caught('en', 'know-it-all', ['We can guarantee a 20% lift.', 'We promise a 3x return.', 'Of course we can double your leads.', 'Our team guarantees first-page rankings.']);
      caught('ko', 'know-it-all', ['물론 가능합니다.', '당연히 가능합니다.', '매출 증가를 보장해 드립니다.', '당연히 전환율을 50% 높일 수 있습니다.']);
      clean('en', ["We can't guarantee rankings, but we can report them weekly.", 'We promise only what we can deliver.']);
      clean('ko', ['결과를 보장할 수는 없지만 매주 보고합니다.']);
    });

    it('jargon', () => {
      caught('en', 'jargon', ['We start retargeting in May.', 'An omni-channel plan comes later.', 'Programmatic buying starts in June.', 'Re-targeting is phase two.']);
      caught('ko', 'jargon', ['리타겟팅을 5월에 시작합니다.', '리타게팅은 2단계입니다.', '리마케팅 캠페인을 준비합니다.', '프로그래매틱 광고는 6월에 시작합니다.', '옴니채널 전략을 세웁니다.']);
      clean('en', ['We target small businesses in Ohio.', 'The channel plan is in the appendix.']);
    });
  });

  describe('undefined acronyms, a general rule', () => {
    it('flags any all-caps acronym used before it is defined, in both languages', () => {
      caught('en', 'acronym', ['Our ROAS is tracked weekly.', 'The CPC went down.', 'We set up GA4 in week one.', 'Track the CPMs monthly.']);
      caught('ko', 'acronym', ['ROAS를 매주 확인합니다.', 'CPC가 낮아졌습니다.', 'GA4에서 전환을 봅니다.']);
    });

    it('is fine once defined: "return on ad spend (ROAS)", "핵심 성과 지표(KPI)", "CAC, or ..."', () => {
      clean('en', ['Our return on ad spend (ROAS) is tracked weekly; ROAS rose in May.', 'ROAS (return on ad spend) rose; the ROAS target is 4.', 'Customer acquisition cost, or CAC, is spend divided by new customers.']);
      clean('ko', ['핵심 성과 지표(KPI)를 매주 확인하고 KPI를 보고합니다.', '광고 투자 대비 수익(ROAS)이 올랐고 ROAS 목표는 4입니다.']);
      // A use before the definition is still flagged.
      assert.deepEqual(found('en', 'ROAS comes first. Return on ad spend (ROAS) is the target.'), ['acronym:ROAS']);
    });

    it('knows what every client knows, shouting, colour codes; the config extends the list', async () => {
      clean('en', ['The CEO signs the PDF from the FAQ page.', 'PLEASE READ THIS FIRST before the call.', 'Sand #E8D8B0 and E8D8B0 are brand colours.', 'SEO is one of the services.']);
      const text = playbook('en', 'Each SKU has a B2B price.');
      assert.deepEqual(phraseFindings(text).map((f) => f.data?.text), ['SKU', 'B2B']);
      const linter = await setupLinter({ config: { knownAcronyms: ['SKU', 'B2B'] }, configDir: '/repo', readText: async () => { throw new Error('no files'); } });
      assert.deepEqual(linter.lint(text).findings.filter((f) => f.ruleId === 'jargon'), []);
    });

    it('a listed acronym the team calls known (KPI) is not reported either, in both languages', async () => {
      const linter = await setupLinter({ config: { knownAcronyms: ['kpi'] }, configDir: '/repo', readText: async () => { throw new Error('no files'); } });
      for (const lang of ['en', 'ko'] as const) {
        const text = playbook(lang, lang === 'en' ? 'We report the KPI and the ROAS monthly.' : '매달 KPI와 ROAS를 보고합니다.');
        assert.deepEqual(phraseFindings(text).map((f) => f.data?.text), ['KPI', 'ROAS']);
        assert.deepEqual(linter.lint(text).findings.filter((f) => f.ruleId === 'jargon').map((f) => f.data?.text), ['ROAS']);
      }
    });

    it('keys a general acronym by the acronym; a listed one keeps its fix', () => {
      const [f] = phraseFindings(playbook('en', 'The GA4 property is new.'));
      assert.equal(f!.key, 'jargon:welcome:ga4');
      assert.equal(f!.fixable, false);
      const [g] = phraseFindings(playbook('en', 'Our ROAS is tracked weekly.'));
      assert.equal(g!.fix?.text, 'return on ad spend (ROAS)');
    });
  });

  describe('findings on matched variants', () => {
    it('keys a variant by its entry\'s canonical phrase, so rewording keeps the identity', () => {
      const a = phraseFindings(playbook('en', 'To be frank, the budget is tight.'));
      const b = phraseFindings(playbook('en', 'If I am being honest, the budget is tight.'));
      assert.equal(a[0]!.key, 'banned-phrase:welcome:to be honest');
      assert.equal(b[0]!.key, a[0]!.key);
    });

    const fixes: Array<[string, string, string]> = [
      ['en', 'To be frank, the budget is tight.', 'The budget is tight.'],
      ['en', 'The launch, if I am being honest, slips.', 'The launch slips.'],
      ['en', 'We are late, quite frankly.', 'We are late.'],
      ['en', 'I believe we should start with search.', 'We recommend we should start with search.'],
      ['en', 'We start on Monday. Does this make sense?', 'We start on Monday. What questions do you have?'],
      ['en', 'We start on Monday. Does this make sense to you?', 'We start on Monday. What questions do you have?'],
      ['en', 'We start on Monday. Did that make sense', 'We start on Monday. What questions do you have?'],
      ['en', 'With the utmost respect, the logo is dated.', 'The logo is dated.'],
      ['en', 'We start re-targeting in May.', 'We start ads shown again to past visitors in May.'],
      ['ko', '솔직히 말씀드리면, 일정이 빠듯합니다.', '일정이 빠듯합니다.'],
      ['ko', '제 생각에는 블로그를 먼저 손봐야 합니다.', '블로그를 먼저 손봐야 합니다.'],
      ['ko', '일정은 월요일입니다. 이해가 되시나요?', '일정은 월요일입니다. 어떤 질문이 있으신가요?'],
      ['ko', '외람된 말씀이지만 로고가 낡아 보입니다.', '로고가 낡아 보입니다.'],
      ['ko', '리타겟팅 캠페인은 5월에 시작합니다.', '이전 방문자에게 다시 보여 주는 광고 캠페인은 5월에 시작합니다.'],
      // The particle after the words agrees with the suggestion's last syllable (광고를, not 광고을).
      ['ko', '5월부터 리타겟팅을 시작합니다.', '5월부터 이전 방문자에게 다시 보여 주는 광고를 시작합니다.'],
      ['ko', '리타겟팅이 효과적입니다.', '이전 방문자에게 다시 보여 주는 광고가 효과적입니다.'],
      ['ko', '리타겟팅으로 매출을 올립니다.', '이전 방문자에게 다시 보여 주는 광고로 매출을 올립니다.'],
      ['ko', '옴니채널은 다음 분기에 합니다.', '모든 채널은 다음 분기에 합니다.'],
      ['ko', '매달 KPI를 보고합니다.', '매달 핵심 성과 지표(KPI)를 보고합니다.'],
      ['ko', '프로그래매틱을 줄입니다.', '자동 광고 구매를 줄입니다.'],
    ];
    for (const [lang, before, after] of fixes) {
      it(`fixes "${before}" -> "${after}", and the fix is stable`, () => {
        const text = playbook(lang as 'en' | 'ko', before);
        const fixed = applyFixes(text, phraseFindings(text));
        assert.equal(fixed, playbook(lang as 'en' | 'ko', after));
        assert.equal(applyFixes(fixed, phraseFindings(fixed)), fixed);
      });
    }
  });

  describe('phrase packs from files', () => {
    const setup = (pack: string) => setupLinter({ config: { phrasePacks: ['p.json'] }, configDir: '/repo', readText: async () => pack });
    const configError = async (p: Promise<unknown>): Promise<ConfigError> => {
      try { await p; } catch (e) { if (e instanceof ConfigError) return e; throw e; }
      throw new Error('expected a ConfigError');
    };

    it('a house pack adds a category with variants and adds to the bundled {client} slot', async () => {
      const pack = JSON.stringify({
        lang: 'en', slots: { client: ['your (board|owners)'] },
        banned: [{ phrase: 'circle back', category: 'filler', why: 'Corporate filler.', suggestion: 'reply', variants: ['circle[s|d] back', "let('s| us) circle back"] }],
      });
      const linter = await setup(pack);
      const found2 = (s: string) => linter.lint(playbook('en', s)).findings.filter((f) => f.ruleId === 'banned-phrase').map((f) => `${f.data?.category}:${f.data?.text}`);
      assert.deepEqual(found2("Let's circle back on Friday."), ["filler:Let's circle back"]);
      assert.deepEqual(found2('Your board never reads the report.'), ['negative-universal:Your board never']);
    });

    it('a broken pattern is a ConfigError at the pack file\'s line and column, inside the pattern', async () => {
      const pack = '{\n  "lang": "en",\n  "banned": [\n    { "phrase": "circle back", "why": "filler",\n      "variants": ["circle back", "let us (circle back"] }\n  ]\n}\n';
      const e = await configError(setup(pack));
      assert.equal(e.file, '/repo/p.json');
      assert.equal(e.line, 5);
      // The "(" is the 8th character of the pattern, whose quote is at column 35.
      assert.equal(e.column, 35 + 1 + 7);
      assert.match(e.detail, /variant 2 of "circle back": "\(" is not closed/);
    });

    it('an unknown slot, a bad "at", a bad exception: each at its place', async () => {
      const slot = await configError(setup('{ "lang": "en", "banned": [ { "phrase": "x", "why": "w", "variants": ["{boss} never"] } ] }'));
      assert.match(slot.detail, /unknown slot \{boss\}/);
      const at = await configError(setup('{ "lang": "en", "banned": [ { "phrase": "x", "why": "w", "variants": [ { "pattern": "x", "at": "middle" } ] } ] }'));
      assert.match(at.detail, /clause-start/);
      const ex = await configError(setup('{ "lang": "en", "banned": [ { "phrase": "x", "why": "w", "except": ["[x"] } ] }'));
      assert.match(ex.detail, /exception 1 of "x"/);
      const slotValue = await configError(setup('{ "lang": "en", "slots": { "client": ["your {client}"] }, "banned": [] }'));
      assert.match(slotValue.detail, /cannot use a slot/);
    });

    it('parsePack keeps the new fields', () => {
      const p = parsePack('{ "lang": "ko", "clauseWords": ["그러니"], "knownAcronyms": ["SKU"], "jargon": [ { "phrase": "퍼널", "why": "w", "category": "jargon", "variants": ["퍼널"], "except": ["퍼널 차트"] } ] }', 'k.json');
      assert.deepEqual(p.clauseWords, ['그러니']);
      assert.deepEqual(p.knownAcronyms, ['SKU']);
      assert.deepEqual(p.jargon[0], { phrase: '퍼널', why: 'w', category: 'jargon', variants: ['퍼널'], except: ['퍼널 차트'] });
    });

    it('the bundled packs compile and every entry has a category', () => {
      for (const pack of bundledPacks()) {
        for (const e of [...pack.banned, ...pack.jargon]) assert.ok(e.category, `${pack.source}: ${e.phrase}`);
      }
      const linter = createLinter({ profile: bundledProfile(), packs: bundledPacks() });
      assert.ok(linter.lint(playbook('ko', '솔직히 말하면')).findings.length >= 1);
    });
  });
});
