import { describe, expect, it } from 'vitest';
import { corpus, queries } from './data/corpus';
import { createFaqIndex } from './helpers';

// Apart from confidence.test.ts so that the mutation module faq-scoring (test/mutation/modules.ts)
// leaves it out: 3,400 answers per mutant outlast any timeout of instrumented code on a shared
// machine. The same rule is pinned there on a few queries.
describe('confidence over the project corpus, with what a user pastes', () => {
  // 3,400 answers: a minute allowed for a busy machine (about 2 s alone).
  it('answers every query with an order number, email or link before it as without', () => {
    const index = createFaqIndex(corpus);
    const said = (a: ReturnType<typeof index.answer>) => [a.hits[0]?.article.id, a.confidence];
    const asked = queries.map(([q]) => [q, index.answer(q)] as const);
    for (const paste of [
      '2023120588 ',
      '3345-1234-5678 ',
      'li.na@example.com ',
      'https://x.io/o/7 ',
    ])
      for (const [q, answer] of asked)
        expect(said(index.answer(paste + q)), paste + q).toEqual(said(answer));
  }, 60_000);
});
