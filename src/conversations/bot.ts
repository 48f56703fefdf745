import type { FaqAnswer, FaqArticle, FaqConfidence, FaqSearchOptions } from '../faq/types';
import { MAX_MESSAGE_CHARS, MAX_TRANSCRIPT_ENTRIES } from '../protocol/conversation-limits';

/** What the bot needs of an FAQ index: its `answer` (kefu/faq's createFaqIndex has it). */
export interface BotFaq {
  answer(query: string, options?: FaqSearchOptions): FaqAnswer;
}

/** One line of the bot conversation, as the hand-over carries it to the agent. */
export interface BotTurn {
  from: 'user' | 'bot';
  body: string;
  at: string;
  /** The articles the bot answered with. */
  articleIds?: string[];
}

/**
 * The bot's answer to one question: the best articles and how sure it is (`strong`: they answer
 * it; `weak`: they may; `none`: it has no answer and says so). `offerPerson` is true when a
 * person should be offered with it: no confident answer, or two answers that did not help.
 */
export interface BotReply {
  confidence: FaqConfidence;
  articles: FaqArticle[];
  offerPerson: boolean;
  /** The topic the question most likely belongs to. */
  topic?: string;
}

/** Options of {@link createBot}. */
export interface BotOptions {
  /** Answers that did not help before a person is offered on its own. @default 2 */
  maxUnhelpful?: number;
  /** Articles per answer. @default 3 */
  limit?: number;
  /** Epoch ms. @default Date.now */
  now?: () => number;
}

/**
 * The bot that answers first, in the browser, from the FAQ already loaded: in well under a
 * millisecond and offline too. It answers with the best articles, says so when it has no
 * confident answer, and offers a person at the latest after `maxUnhelpful` answers that did not
 * help (a new question after an answer, or "this did not help"). Its transcript, the last search
 * and the last article read go with the hand-over, so the agent asks nothing twice.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createBot(faq: BotFaq, options: BotOptions = {}) {
  const now = options.now ?? Date.now;
  const maxUnhelpful = options.maxUnhelpful ?? 2;
  const turns: BotTurn[] = [];
  let unhelpful = 0;
  let pending = false;
  let query: string | undefined;
  let topic: string | undefined;
  let articleId: string | undefined;
  const push = (turn: Omit<BotTurn, 'at'>) => {
    turns.push({
      ...turn,
      body: turn.body.slice(0, MAX_MESSAGE_CHARS),
      at: new Date(now()).toISOString(),
    });
    if (turns.length > MAX_TRANSCRIPT_ENTRIES)
      turns.splice(0, turns.length - MAX_TRANSCRIPT_ENTRIES);
  };
  return {
    /** Answers a question; an earlier answer not marked solved counts as one that did not help. */
    ask(question: string): BotReply {
      const text = question.trim();
      if (pending) unhelpful++;
      push({ from: 'user', body: text });
      const found = faq.answer(text, { limit: options.limit ?? 3 });
      // Only articles as sure as the best one: a strong answer is not diluted by weak ones.
      const articles = found.hits
        .filter((h) => found.confidence === 'none' || h.confidence === found.confidence)
        .map((h) => h.article);
      const confidence = articles.length ? found.confidence : 'none';
      query = text;
      if (found.category) topic = found.category;
      pending = confidence !== 'none';
      push({
        from: 'bot',
        body: articles.map((a) => a.title).join('\n') || '∅',
        ...(articles.length ? { articleIds: articles.map((a) => a.id) } : {}),
      });
      return {
        confidence,
        articles: confidence === 'none' ? [] : articles,
        offerPerson: confidence !== 'strong' || unhelpful >= maxUnhelpful,
        ...(topic ? { topic } : {}),
      };
    },
    /** The user said the last answer did not help; true when a person is to be offered now. */
    notHelpful(): boolean {
      if (pending) unhelpful++;
      pending = false;
      return unhelpful >= maxUnhelpful;
    },
    /** The user said the last answer solved it. */
    solved() {
      pending = false;
      unhelpful = 0;
    },
    /** The user opened an article from an answer. */
    read(id: string) {
      articleId = id;
    },
    /** How many answers did not help so far. */
    get unhelpful() {
      return unhelpful;
    },
    /** What the hand-over to a person carries: the transcript (≤ 30 lines), search, article, topic. */
    handover() {
      return {
        transcript: turns.map((t) => ({ ...t })),
        ...(query ? { query } : {}),
        ...(articleId ? { articleId } : {}),
        ...(topic ? { topic } : {}),
      };
    },
  };
}

/** A bot made by {@link createBot}. */
export type Bot = ReturnType<typeof createBot>;
