// kefu/faq: FAQ search for Chinese and English help centres, headless and dependency-free.
// The extras (synonym set, homophones, Traditional folding, remote loading) are separate modules,
// so a bundler drops each one the app does not import.
export { createFaqIndex } from './create';
export { loadFaqIndex } from './load-index';
export { tokenize } from './tokenize';
export { highlightSegments } from './search';
export { FORMAT_VERSION } from './serialize';
export type {
  FaqAnswer,
  FaqArticle,
  FaqCategoryCount,
  FaqCharFold,
  FaqConfidence,
  FaqHit,
  FaqHomophones,
  FaqIndex,
  FaqIndexOptions,
  FaqSearchOptions,
  Highlight,
  SerializedFaqIndex,
} from './types';
export { videoAppSynonyms } from './video-synonyms';
export { chineseHomophones } from './homophones';
export { traditionalChinese } from './traditional';
export { loadFaq, idbFaqCache, parseFaqFile } from './load';
export type { FaqCache, LoadFaqOptions, LoadedFaq } from './load';
