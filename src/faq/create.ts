import { KefuError } from '../errors/kefu-error';
import {
  addArticle,
  checkArticle,
  checkUnique,
  removeArticle,
  type Config,
  type State,
} from './engine';
import { parseQuery, spaced } from './query';
import { confidence } from './rerank';
import { hits, rank, search } from './search';
import { serialize } from './serialize';
import type { FaqAnswer, FaqArticle, FaqCategoryCount, FaqIndex, FaqIndexOptions } from './types';

/** Resolves options over their defaults. */
export function configure(options: FaqIndexOptions): Config {
  const { boost = {}, traditional } = options;
  return {
    boost: [boost.title ?? 2, boost.tags ?? 2, boost.body ?? 1, boost.questions ?? 2],
    prefix: options.prefix ?? true,
    fuzzy: options.fuzzy ?? true,
    fold: traditional,
    homophones: options.homophones,
    synonyms: (options.synonyms ?? []).map((group) =>
      // Latin members keep their padding spaces, so `vip` matches the word, not `vipers`.
      group.map((m): [string, string] => [spaced(m, traditional).text, m]),
    ),
  };
}

const countBy = (articles: (FaqArticle | undefined)[]): FaqCategoryCount[] => {
  const counts = new Map<string, number>();
  for (const a of articles)
    if (a?.category !== undefined) counts.set(a.category, (counts.get(a.category) ?? 0) + 1);
  return [...counts]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || (a.category < b.category ? -1 : 1));
};

/** Wraps index state in the public API; shared by `createFaqIndex` and `loadFaqIndex`. */
export function api(state: State): FaqIndex {
  const popular = (category?: string, limit = 5): FaqArticle[] =>
    state.docs
      .filter((a): a is FaqArticle => !!a && (category === undefined || a.category === category))
      .map((a) => [a, (a.views ?? 0) + (state.views.get(a.id) ?? 0)] as const)
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([a]) => a);
  return {
    search: (query, { limit, category } = {}) => search(state, query, limit, category),
    answer(input, { limit = 10, category } = {}) {
      const query = parseQuery(state, input);
      const all = rank(state, query, undefined, limit);
      const ranked = category === undefined ? all : rank(state, query, category, limit);
      const weight = new Map<string, number>();
      for (const r of ranked.slice(0, limit)) {
        const c = state.docs[r.slot]!.category;
        if (c !== undefined) weight.set(c, (weight.get(c) ?? 0) + r.score);
      }
      const likely = category ?? [...weight].sort((a, b) => b[1] - a[1])[0]?.[0];
      const sure = confidence(query, ranked);
      const contactSupport = sure !== 'strong';
      return {
        hits: hits(state, query, ranked, limit),
        confidence: sure,
        categories: countBy(all.map((r) => state.docs[r.slot])),
        noResult: !ranked.length,
        contactSupport,
        ...(likely === undefined ? {} : { category: likely }),
        popular: contactSupport ? popular(likely) : [],
      } satisfies FaqAnswer;
    },
    add(article) {
      checkArticle(article, 'article');
      checkUnique(state, [article]);
      addArticle(state, article);
    },
    remove: (id) => removeArticle(state, id),
    get: (id) => state.docs[state.ids.get(id) ?? -1],
    categories: () => countBy(state.docs),
    recordView(id) {
      if (state.ids.has(id)) state.views.set(id, (state.views.get(id) ?? 0) + 1);
    },
    popular,
    get size() {
      return state.count;
    },
    toJSON: () => serialize(state),
  };
}

/** Fresh, empty index state. */
export const emptyState = (options: FaqIndexOptions): State => ({
  cfg: configure(options),
  docs: [],
  ids: new Map(),
  lens: [],
  sum: [0, 0, 0, 0],
  count: 0,
  post: new Map(),
  views: new Map(),
});

/**
 * Builds a search index over FAQ articles (Chinese and English alike).
 * @example
 * const index = createFaqIndex(articles, { synonyms: [['会员', 'VIP']] });
 * index.search('vip 续费', { limit: 5 });
 */
/* @__NO_SIDE_EFFECTS__ */
export function createFaqIndex(
  articles: readonly FaqArticle[] = [],
  options: FaqIndexOptions = {},
): FaqIndex {
  if (!Array.isArray(articles))
    throw new KefuError('invalid_input', 'createFaqIndex expects an array of FAQ articles', {
      field: 'articles',
    });
  articles.forEach((a, i) => checkArticle(a, `articles.${i}`));
  const state = emptyState(options);
  checkUnique(state, articles);
  for (const a of articles) addArticle(state, a);
  return api(state);
}
