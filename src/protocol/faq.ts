import * as s from '../shared/schema';

/**
 * One help article, as `GET {endpoint}/faq` serves it and `kefu/faq` indexes it. Title, body and
 * tags are plain text: markup in them is searched and shown as text.
 */
export interface FaqArticle {
  /** Unique within an index. */
  id: string;
  title: string;
  body: string;
  /** Groups articles (`account`, `membership`, …): filters search and counts categories. */
  category?: string;
  tags?: string[];
  /**
   * Other ways users ask for this article (相似问法): "充值没到账", "paid but nothing happened".
   * Indexed with their own weight (`boost.questions`) and each scored like a second title.
   */
  questions?: string[];
  /** BCP 47 tag of the article's language (`zh-CN`, `en`). */
  locale?: string;
  /** How often it was read: ranks the articles offered when a search finds nothing. @default 0 */
  views?: number;
}

/** The answer of `GET {endpoint}/faq?locale=…`. */
export interface FaqFile {
  articles: FaqArticle[];
}

/**
 * The schema of one article of `GET {endpoint}/faq?locale=…`; unknown extra fields are ignored. A
 * factory, built on first use: a schema made at module level is a call a bundler cannot drop from
 * apps that never load a FAQ file, and kefu/faq loads it only with the file.
 */
/* @__NO_SIDE_EFFECTS__ */
export function faqArticleSchema() {
  return s.object({
    id: s.string().check(s.minLength(1)),
    title: s.string(),
    body: s.string(),
    category: s.optional(s.string()),
    tags: s.optional(s.array(s.string())),
    questions: s.optional(s.array(s.string())),
    locale: s.optional(s.string()),
    views: s.optional(s.number()),
  });
}

/** The schema of `GET {endpoint}/faq?locale=…`. */
/* @__NO_SIDE_EFFECTS__ */
export function faqFileSchema() {
  return s.object({ articles: s.array(faqArticleSchema()) });
}

// The interface (documented field by field) and the schema must describe the same shape.
type Parsed = s.infer<ReturnType<typeof faqFileSchema>>;
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const agree: Same<Parsed, FaqFile> = true;
void agree;
