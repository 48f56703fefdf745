import type { State } from './engine';
import type { FaqArticle, SerializedFaqIndex } from './types';

/**
 * Version of the serialized format; bump it whenever tokenization or layout changes.
 * 2: a fourth field per article, its similar questions (`lens` holds 4 numbers per article).
 */
export const FORMAT_VERSION = 2;

/**
 * Snapshots the index: articles, field lengths and postings as compact base-36 strings. The
 * arrays are copies, so a snapshot stays as it was taken while the index changes.
 */
export function serialize(state: State): SerializedFaqIndex {
  const terms: string[] = [];
  const lists: string[] = [];
  for (const [term, list] of state.post) {
    terms.push(term);
    lists.push(typeof list === 'string' ? list : list.map((n) => n.toString(36)).join(','));
  }
  return {
    v: FORMAT_VERSION,
    t: state.cfg.fold ? 1 : 0,
    articles: [...state.docs] as FaqArticle[],
    lens: [...state.lens],
    terms: terms.join('\n'),
    postings: lists.join('\n'),
  };
}
