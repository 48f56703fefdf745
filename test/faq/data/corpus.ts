import type { FaqArticle } from '../../../src/faq/index';
import { articlesEn } from './articles-en';
import { articlesZh } from './articles-zh';

export { queries, queriesEn, queriesZh } from './queries';
export type { Query, QueryKind } from './queries';

/** The whole bilingual corpus: 155 help articles of a video app. */
export const corpus: FaqArticle[] = [...articlesZh, ...articlesEn];
