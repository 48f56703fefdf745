export { learningIncrements } from './increments';
export { createMemoryLearningStore } from './memory';
export { MAX_LEARNED_QUERY, normalizeLocale, normalizeQuery } from './normalize';
export { learningReport } from './report';
export type {
  ContactedQuery,
  LearningReport,
  LearningReportOptions,
  ProposedQuestion,
  UnansweredQuery,
} from './report';
export { withAcceptedQuestions } from './serve-faq';
export {
  DEFAULT_LEARNING_LIMITS,
  LEARNING_COUNTERS,
  resolveLearningLimits,
} from './types';
export type {
  AcceptedQuestion,
  AcceptOutcome,
  LearningCounter,
  LearningIncrement,
  LearningLimits,
  LearningRow,
  LearningStore,
  ResolvedLearningLimits,
} from './types';
