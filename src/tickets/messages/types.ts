/**
 * Why a value was refused, as a closed set: the message tables turn each into the user's words,
 * with `{n}` replaced by the limit that applies.
 */
export type ProblemCode =
  | 'required'
  | 'too_long'
  | 'too_short'
  | 'not_a_number'
  | 'not_whole'
  | 'too_small'
  | 'too_large'
  | 'not_an_option'
  | 'too_many'
  | 'not_a_date'
  | 'not_an_order_number'
  | 'not_an_email'
  | 'not_a_phone'
  | 'not_a_cn_mobile'
  | 'unknown_category'
  | 'file_type'
  | 'file_too_large'
  | 'too_many_files'
  | 'ticket_closed'
  | 'not_a_rating'
  | 'not_a_reason'
  | 'invalid';

/**
 * One locale's words: field labels, category names and the reason for every {@link ProblemCode}.
 * A table is a plain object in its own module, so an app pays only for the locales it imports.
 */
export interface Messages {
  /** The BCP 47 tag the table is for. */
  locale: string;
  /** "{field}: {reason}", the shape of one rejection line. */
  problem: string;
  /** Labels of the built-in fields and of the default categories, by name or id. */
  labels: Record<string, string>;
  /** The reason for each problem; `{n}` is the limit (a length, a number, a size in MB). */
  reasons: Record<ProblemCode, string>;
}
