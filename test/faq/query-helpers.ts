import { emptyState } from '../../src/faq/create';
import { addArticle } from '../../src/faq/engine';
import { parseQuery, type Term } from '../../src/faq/query';
import type { FaqArticle, FaqIndexOptions } from './helpers';

// Shared by the parseQuery and rerank tests: an index of a few articles, a query's terms in order.

export const article = (id: string, title: string, body = ''): FaqArticle => ({ id, title, body });

/** The state of an index of `articles` built with `options`. */
export function stateOf(articles: FaqArticle[], options: FaqIndexOptions = {}) {
  const state = emptyState(options);
  for (const a of articles) addArticle(state, a);
  return state;
}

/** parseQuery over an index of `articles` built with `options`. */
export function parserOf(articles: FaqArticle[], options: FaqIndexOptions = {}) {
  const state = stateOf(articles, options);
  return (q: string) => parseQuery(state, q);
}

/** A parsed query's terms, in the order they were made. */
export const terms = (q: { terms: Map<string, Term> }) => [...q.terms];
