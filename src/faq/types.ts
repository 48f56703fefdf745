import type { FaqArticle } from '../protocol/faq';

export type { FaqArticle };

/** A matched stretch of an article's title or body: UTF-16 offsets into the original string, end exclusive. */
export interface Highlight {
  field: 'title' | 'body';
  start: number;
  end: number;
}

/**
 * How well a hit answers the query: `strong` (it answers; a bot may reply with it on its own),
 * `weak` (possibly related: show it as such) or `none` (no good answer: say so, offer support).
 */
export type FaqConfidence = 'strong' | 'weak' | 'none';

/** One search result. */
export interface FaqHit {
  article: FaqArticle;
  /** Relevance; only comparable within one search. */
  score: number;
  /** How much of the query this article answers, calibrated on real help centres. */
  confidence: FaqConfidence;
  /** Matched ranges in title and body, sorted and merged; render them with {@link highlightSegments}. */
  highlights: Highlight[];
}

/** A category and how many articles (or hits) it holds. */
export interface FaqCategoryCount {
  category: string;
  count: number;
}

/** Options of one search. */
export interface FaqSearchOptions {
  /** Most hits returned. @default 10 */
  limit?: number;
  /** Only articles of this category. */
  category?: string;
}

/**
 * Catches Chinese homophone typos (续废 for 续费): maps a character to the ids of its toneless
 * syllables. Import {@link chineseHomophones} rather than writing one.
 */
export interface FaqHomophones {
  sounds(char: string): readonly number[] | undefined;
  /**
   * The indexed CJK bigrams (from `terms`) that sound like `bigram`, other than itself; `cache`
   * is the index's own, empty until the first call after its vocabulary changed. It lives here, not
   * in the index, so that apps without homophones do not ship it.
   */
  similar(bigram: string, terms: () => Iterable<string>, cache: Map<string, string[]>): string[];
}

/** Maps one character to the form it is indexed and searched under (Traditional → Simplified). */
export interface FaqCharFold {
  fold(char: string): string;
}

/** Options of {@link createFaqIndex}. */
export interface FaqIndexOptions {
  /**
   * Groups of words meaning the same to your users: a query containing one member also finds the
   * others, ranked a little lower. `videoAppSynonyms` is a ready set.
   * @example [['会员', 'VIP', '大会员'], ['卡顿', '缓冲', 'buffering']]
   */
  synonyms?: readonly (readonly string[])[];
  /** Chinese homophone typo matching; pass `chineseHomophones`. @default off */
  homophones?: FaqHomophones;
  /** Lets Traditional Chinese queries find Simplified articles and back; pass `traditionalChinese`. @default off */
  traditional?: FaqCharFold;
  /** Relative weight of a match in each field. @default { title: 2, tags: 2, body: 1, questions: 2 } */
  boost?: { title?: number; tags?: number; body?: number; questions?: number };
  /** Complete the last word while the user types. @default true */
  prefix?: boolean;
  /** Tolerate typos in Latin words (1 edit from 5 letters, 2 from 8; never in numbers). @default true */
  fuzzy?: boolean;
}

/** What a search box shows for a query, including what to offer when nothing matched. */
export interface FaqAnswer {
  hits: FaqHit[];
  /** Hits per category, before the category filter: tabs with counts. */
  categories: FaqCategoryCount[];
  /** True when nothing matched. */
  noResult: boolean;
  /** The first hit's confidence, `none` without hits: what to say before the list. */
  confidence: FaqConfidence;
  /** True unless the answer is `strong`: offer a conversation or ticket beside the hits. */
  contactSupport: boolean;
  /** The category the question most likely belongs to (the option, else the hits' strongest). */
  category?: string;
  /** Most-read articles of `category` (of all, without one), offered when `contactSupport`. */
  popular: FaqArticle[];
}

/** A searchable FAQ. */
export interface FaqIndex {
  /** Matching articles, best first. An empty query gives none; long queries are cut at 200 characters. */
  search(query: string, options?: FaqSearchOptions): FaqHit[];
  /** `search`, plus what to offer when it found nothing (most-read articles, the path to a ticket). */
  answer(query: string, options?: FaqSearchOptions): FaqAnswer;
  /** Adds an article; a KefuError `invalid_input` when its id is taken or a field is wrong. */
  add(article: FaqArticle): void;
  /** Removes an article; false when there was none with that id. */
  remove(id: string): boolean;
  /** The article with this id. */
  get(id: string): FaqArticle | undefined;
  /** Every category with its number of articles, largest first. */
  categories(): FaqCategoryCount[];
  /** Counts a read of an article, so it ranks higher among the most-read. */
  recordView(id: string): void;
  /** Most-read articles, of one category or of all. @default limit 5 */
  popular(category?: string, limit?: number): FaqArticle[];
  /** Number of articles. */
  readonly size: number;
  /** A JSON-safe snapshot that {@link loadFaqIndex} restores without re-tokenizing. */
  toJSON(): SerializedFaqIndex;
}

/** The serialized form of an index: `v` is the format version, checked on load. */
export interface SerializedFaqIndex {
  v: number;
  /** 1 when built with Traditional folding. */
  t: number;
  articles: FaqArticle[];
  /** Token counts per article slot: title, tags, body, questions. */
  lens: number[];
  /** Index terms, newline-separated. */
  terms: string;
  /** Postings per term, newline-separated, each `slot,packedTf,…` in base 36. */
  postings: string;
}
