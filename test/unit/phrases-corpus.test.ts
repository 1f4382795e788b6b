// The phrase rules against the labelled sentence corpus (bench/data/phrases.<lang>.json,
// written independently of the packs): recall >= 90% per category and language, false
// positives <= 1% of the ordinary sentences (issue #15). bench/phrases.mjs prints the
// same figures; this test holds the targets.
import { strict as assert } from 'node:assert';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, lint } from './helpers.js';

interface Sentence { text: string; category: string | null }

const RECALL = 0.9;
const FALSE_POSITIVES = 0.01;

function playbook(lang: 'en' | 'ko', sentence: string): string {
  const heading = lang === 'ko' ? '환영 및 킥오프' : 'Welcome & Kickoff';
  return `---\nclient: "Bench Client"\nlang: ${lang}\n---\n\n# Bench Client\n\n## ${heading}\n\n${sentence}\n`;
}

describe('phrase corpus (bench/data): recall and false positives', () => {
  for (const lang of ['en', 'ko'] as const) {
    const file = join(ROOT, 'bench', 'data', `phrases.${lang}.json`);
    describe(lang, () => {
      const corpus: Sentence[] = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) as Sentence[] : [];
      const results = corpus.map((s) => ({ s, findings: lint(playbook(lang, s.text)).findings.filter((f) => f.ruleId === 'banned-phrase' || f.ruleId === 'jargon') }));

      it('has the corpus: at least 150 sentences to catch and 300 ordinary ones', () => {
        assert.ok(corpus.filter((s) => s.category !== null).length >= 150, `${file}: too few labelled sentences`);
        assert.ok(corpus.filter((s) => s.category === null).length >= 300, `${file}: too few ordinary sentences`);
      });

      const categories = [...new Set(corpus.map((s) => s.category).filter((c): c is string => c !== null))].sort();
      for (const category of categories) {
        it(`${category}: recall >= ${RECALL * 100}%`, () => {
          const mine = results.filter((r) => r.s.category === category);
          const missed = mine.filter((r) => !r.findings.some((f) => f.data?.category === category)).map((r) => r.s.text);
          const recall = (mine.length - missed.length) / mine.length;
          assert.ok(recall >= RECALL, `${lang} ${category}: recall ${(100 * recall).toFixed(1)}%; missed:\n  ${missed.join('\n  ')}`);
        });
      }

      it(`ordinary sentences: false positives <= ${FALSE_POSITIVES * 100}%`, () => {
        const ordinary = results.filter((r) => r.s.category === null);
        const flagged = ordinary.filter((r) => r.findings.length).map((r) => `${r.s.text}  [${r.findings.map((f) => f.data?.text).join(', ')}]`);
        assert.ok(flagged.length <= FALSE_POSITIVES * ordinary.length, `${lang}: ${flagged.length}/${ordinary.length} flagged:\n  ${flagged.join('\n  ')}`);
      });
    });
  }
});
