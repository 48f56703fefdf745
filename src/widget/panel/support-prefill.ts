import type { FaqArticle } from '../../faq';
import type { WidgetPrefill } from '../types';

/** A self-check finding as a ticket or conversation carries it: its id and its words. */
export interface FindingNote {
  /** The finding's code (`network_too_slow`): what an agent and their tools sort by. */
  code: string;
  /** The finding in the user's words, as the self-check showed it. */
  title: string;
  /** What identifies a failure of the service for an agent (`statuses: 503; cdnHost: …`). */
  evidence?: string;
}

/** Where the user asks for support from: what they searched, read and checked. */
export interface SupportFrom {
  /** What the user typed in the search box. */
  query?: string;
  /** The article the user read. */
  article?: FaqArticle;
  /** The closest answer a search showed (possibly related, or the best match). */
  closest?: FaqArticle;
  /** The topic of the search (a chip, or the hits' likely one); the article's wins. */
  category?: string;
  /** What the self-check found. */
  findings?: FindingNote[];
  /** The diagnostics the self-check read, its findings included: the evidence to attach. */
  diagnostics?: Record<string, unknown>;
}

/**
 * What a ticket or a conversation opened from the help pages starts with, so the user is asked
 * nothing twice: the topic of the article or of the search (`category`: the ticket view opens the
 * app's category of that topic, a conversation routes by it after `toTopic`), the query and the
 * article read (`query`, `articleId`), the self-check's diagnostics with their findings, and, as
 * the opening text (`description`), the query followed by references in one form for every
 * language, since agents and their tools read them rather than the user:
 * `FAQ: 金币可以退款吗？ [drama-coins-refund]`, `FAQ (search): … [id]`,
 * `Self-check: Your connection answers slowly [high_latency]`.
 */
export function supportPrefill(from: SupportFrom): WidgetPrefill {
  const { article, closest } = from;
  const query = from.query?.trim();
  const lines = [
    query,
    article && `FAQ: ${article.title} [${article.id}]`,
    closest && `FAQ (search): ${closest.title} [${closest.id}]`,
    ...(from.findings ?? []).map(
      (f) => `Self-check: ${f.title} [${f.code}]${f.evidence ? ` (${f.evidence})` : ''}`,
    ),
  ].filter(Boolean);
  const category = article?.category ?? from.category;
  return {
    ...(lines.length ? { description: lines.join('\n') } : {}),
    ...(category ? { category } : {}),
    ...(query ? { query } : {}),
    ...(article ? { articleId: article.id } : {}),
    ...(from.diagnostics ? { diagnostics: from.diagnostics } : {}),
  };
}
