export { validateFeedback, REPORT_REASONS, ARTICLE_REASONS } from './validate-feedback';
export { createEventBatcher } from './events';
export type { EventBatcher, EventBatcherOptions } from './events';
