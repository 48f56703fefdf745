import type { FeedbackPayload } from '../protocol';
import type { RawProblem } from '../tickets/fields';

/** Reason codes of a report of a video or comment; an app may use its own list. */
export const REPORT_REASONS = [
  'spam',
  'sexual',
  'violence',
  'hate',
  'harassment',
  'minor-safety',
  'misinformation',
  'copyright',
  'privacy',
  'other',
] as const;

/** Reason codes of "this article did not help". */
export const ARTICLE_REASONS = [
  'not-my-problem',
  'unclear',
  'did-not-work',
  'outdated',
  'other',
] as const;

const isInt = (n: unknown, min: number, max: number) =>
  typeof n === 'number' && Number.isInteger(n) && n >= min && n <= max;
const blank = (s: unknown) => typeof s !== 'string' || s.trim() === '';

// What each type of feedback needs beyond the wire schema, which allows every field on every
// type, as problems not yet worded: the client loads these with its first feedback and words them
// with the ticket words it has (src/client/submissions.ts).
export function feedbackProblems(
  input: Partial<FeedbackPayload>,
  reportReasons: readonly string[] = REPORT_REASONS,
): RawProblem[] {
  const p: RawProblem[] = [];
  switch (input.type) {
    case 'csat':
    case 'survey':
      if (!isInt(input.rating, 1, 5)) p.push({ field: 'rating', code: 'not_a_rating', n: 5 });
      // A survey rates one ticket or one conversation, never both.
      if (input.type === 'survey' && blank(input.ticketId) && blank(input.conversationId))
        p.push({ field: 'ticketId', code: 'required' });
      if (input.type === 'survey' && !blank(input.ticketId) && !blank(input.conversationId))
        p.push({ field: 'conversationId', code: 'not_an_option' });
      break;
    case 'nps':
      // NPS is 0–10: 0 is an answer, not a missing one.
      if (!isInt(input.rating, 0, 10)) p.push({ field: 'rating', code: 'not_a_rating', n: 10 });
      break;
    case 'suggestion':
    case 'bug':
      if (blank(input.comment)) p.push({ field: 'comment', code: 'required' });
      break;
    case 'article':
      if (blank(input.articleId)) p.push({ field: 'articleId', code: 'required' });
      if (typeof input.helpful !== 'boolean') p.push({ field: 'helpful', code: 'required' });
      if (
        input.reason !== undefined &&
        !(ARTICLE_REASONS as readonly string[]).includes(input.reason)
      )
        p.push({ field: 'reason', code: 'not_a_reason' });
      break;
    case 'report':
      if (blank(input.contentId)) p.push({ field: 'contentId', code: 'required' });
      if (!input.reason || !reportReasons.includes(input.reason))
        p.push({ field: 'reason', code: 'not_a_reason' });
      break;
    default:
      p.push({ field: 'type', code: 'not_an_option' });
  }
  if (typeof input.comment === 'string' && input.comment.length > 10_000)
    p.push({ field: 'comment', code: 'too_long', n: 10_000 });
  return p;
}
