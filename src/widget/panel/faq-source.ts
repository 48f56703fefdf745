import type { Kefu } from '../../client';
// Internal modules, not the `kefu/faq` entry: `kefu` re-exports that entry, and a bundler keeps
// an entry that a lazy chunk needs in the start chunk of an app importing both (measured).
import { createFaqIndex } from '../../faq/create';
import { loadFaq } from '../../faq/load';
import type { FaqArticle, FaqIndex } from '../../faq/types';
import { videoAppSynonyms } from '../../faq/video-synonyms';
import type { WidgetOptions } from '../types';

/**
 * The FAQ the panel searches: the app's own (an index, or a function giving one), else the
 * endpoint's articles for the language (see {@link loadFaqArticles}). Neither the schemas nor the
 * client's sending code is on this path: the file is checked by a small guard
 * (src/faq/faq-guard.ts).
 */
export async function loadFaqIndex(
  kefu: Kefu,
  options: WidgetOptions,
  locale: string,
): Promise<FaqIndex> {
  if (typeof options.faq === 'function') return options.faq();
  if (options.faq) return options.faq;
  const articles = await loadFaqArticles(kefu, locale);
  return createFaqIndex(articles, { synonyms: videoAppSynonyms });
}

/**
 * The endpoint's `GET /faq` for the language (then a close one, then English), from the cache
 * on the device when there is one; a file loaded from the network is kept there, which is what
 * the widget's `prefetch` uses it for.
 */
export async function loadFaqArticles(kefu: Kefu, locale: string): Promise<FaqArticle[]> {
  // The endpoint as configured, so that searching never waits for the sending code; one that is
  // no http(s) URL gets the config check's error, which says what to write instead.
  const endpoint = /^https?:\/\/./i.test(kefu.endpoint)
    ? kefu.endpoint
    : (await kefu.ready()).endpoint;
  // A help centre rarely has every language: Traditional Chinese readers read Simplified
  // articles better than English ones, and English is the last resort for everyone.
  const chain = [...new Set([locale, ...(locale === 'zh-TW' ? ['zh-CN'] : []), 'en'])];
  let failure: unknown;
  for (const tag of chain) {
    try {
      const { articles } = await loadFaq({ endpoint, locale: tag });
      if (articles.length) return articles;
    } catch (error) {
      failure = error;
    }
  }
  throw failure ?? new Error(`No FAQ articles for ${chain.join(', ')}`);
}
