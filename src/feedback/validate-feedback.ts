import type { FieldProblem } from '../errors';
import type { FeedbackPayload } from '../protocol';
import { localizeProblems } from '../tickets/localize';
import type { Messages } from '../tickets/messages/types';
import { feedbackProblems, REPORT_REASONS } from './feedback-rules';

export { ARTICLE_REASONS, REPORT_REASONS } from './feedback-rules';

/**
 * Checks feedback by type: CSAT and the survey of a ticket or a conversation 1–5, NPS 0–10, a suggestion or bug needs a
 * comment, "was this helpful?" an article id and a yes/no (a reason code optional), a report a
 * content id and a reason code. Each problem names the field and why in the user's language.
 */
export function validateFeedback(
  input: Partial<FeedbackPayload>,
  messages: Messages,
  reportReasons: readonly string[] = REPORT_REASONS,
): FieldProblem[] {
  return localizeProblems(feedbackProblems(input ?? {}, reportReasons), messages, () => undefined);
}
