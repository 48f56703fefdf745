/** What one event adds to a (locale, query, article) aggregate. */
export type LearningCounter =
  | 'unanswered'
  | 'weak'
  | 'opened'
  | 'helpful'
  | 'unhelpful'
  | 'contacted';

/** The counters of an aggregate, in the order the stores keep their columns. */
export const LEARNING_COUNTERS: readonly LearningCounter[] = [
  'unanswered',
  'weak',
  'opened',
  'helpful',
  'unhelpful',
  'contacted',
];

/** One count to add: a normalised query, the article it led to (`''` for none), a counter. */
export interface LearningIncrement {
  locale: string;
  query: string;
  articleId: string;
  counter: LearningCounter;
}

/**
 * How often users of a locale who searched `query` found nothing (`unanswered`), only a weak
 * match (`weak`), opened `articleId`, voted it helpful or not, or went on to contact support.
 * Aggregates only: no user, no address, no time finer than the last count.
 */
export interface LearningRow extends Record<LearningCounter, number> {
  locale: string;
  query: string;
  /** Absent for counts about the search itself (no answer, weak answer, contact from the list). */
  articleId?: string;
  /** When the row last counted something (ISO 8601). */
  lastAt: string;
}

/** A similar question an agent accepted for an article; `GET /faq` serves it in `questions`. */
export interface AcceptedQuestion {
  locale: string;
  articleId: string;
  question: string;
  acceptedAt: string;
}

/** What {@link LearningStore.accept} did: `full` when a bound refused it. */
export type AcceptOutcome = 'accepted' | 'duplicate' | 'full';

/** The bounds every learning store keeps. */
export interface LearningLimits {
  /**
   * Aggregate rows kept; a new row past it evicts the row with the fewest counts (the oldest of
   * those), so the store never grows while what many users ask stays. @default 5000
   */
  maxRows?: number;
  /** Rows not counted for this many days are dropped. @default 90 */
  retentionDays?: number;
  /** Accepted questions per article. @default 20 */
  maxQuestionsPerArticle?: number;
  /** Accepted questions per locale. @default 2000 */
  maxAccepted?: number;
}

/** {@link LearningLimits} with every default filled in. */
export type ResolvedLearningLimits = Required<LearningLimits>;

/** The defaults of {@link LearningLimits}. */
export const DEFAULT_LEARNING_LIMITS: ResolvedLearningLimits = {
  maxRows: 5000,
  retentionDays: 90,
  maxQuestionsPerArticle: 20,
  maxAccepted: 2000,
};

/** Fills in the defaults of {@link LearningLimits}, refusing bounds that are not positive integers. */
export function resolveLearningLimits(limits: LearningLimits = {}): ResolvedLearningLimits {
  const resolved = { ...DEFAULT_LEARNING_LIMITS, ...limits };
  for (const [name, value] of Object.entries(resolved)) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`learning limit ${name} must be a positive integer, not ${value}`);
  }
  return resolved;
}

/**
 * Where the relay keeps what it learns from searches (the `learning` option of `createRelay`):
 * bounded aggregates of normalised queries, and the similar questions agents accepted. In memory,
 * SQLite (the reference server) or PostgreSQL ({@link createPostgresLearningStore}).
 */
export interface LearningStore {
  /** Adds the counts, creating rows within {@link LearningLimits.maxRows}; drops expired rows. */
  record(increments: readonly LearningIncrement[], at: string): Promise<void>;
  /** The rows of a locale whose `by` counter is above zero, highest first (then latest). */
  top(options: { locale: string; by: LearningCounter; limit: number }): Promise<LearningRow[]>;
  /** Locales with rows or accepted questions, sorted. */
  locales(): Promise<string[]>;
  /** Records a similar question for an article, within the bounds. */
  accept(question: AcceptedQuestion): Promise<AcceptOutcome>;
  /** The accepted questions of a locale, oldest first. */
  accepted(locale: string): Promise<AcceptedQuestion[]>;
  /** Forgets one aggregate row (an agent dismissed a proposal); false when there was none. */
  dismiss(key: { locale: string; query: string; articleId?: string }): Promise<boolean>;
}
