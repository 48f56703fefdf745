/** Longest query the learning aggregates keep, in characters (code points), after normalising. */
export const MAX_LEARNED_QUERY = 80;

// Runs of 5+ digits are order numbers, phone numbers or account ids: personal, and useless as a
// similar question. They are replaced, so "订单 20240612345 没到账" still teaches "订单 # 没到账".
const LONG_NUMBER = /\d{5,}/g;
const EMAIL = /[^\s@]+@[^\s@]+/;
// Punctuation and symbols separate words but carry no meaning for a help search.
const SEPARATORS = /[\p{P}\p{S}\s]+/gu;

/**
 * The form a search is aggregated under: NFKC (full-width letters and digits become plain),
 * lower case, punctuation and symbols as single spaces, long numbers masked, at most
 * {@link MAX_LEARNED_QUERY} characters. Undefined for an empty query or one holding an email
 * address: the aggregates keep what users asked, never who they are.
 */
export function normalizeQuery(query: string | undefined): string | undefined {
  if (!query) return undefined;
  const folded = query.normalize('NFKC').toLowerCase();
  if (EMAIL.test(folded)) return undefined;
  const plain = folded.replace(SEPARATORS, ' ').replace(LONG_NUMBER, '#').trim();
  if (!plain || plain === '#') return undefined;
  return [...plain].slice(0, MAX_LEARNED_QUERY).join('').trim();
}

const LOCALE = /^[a-z]{2,8}(-[a-z0-9]{1,8})*$/;

/** A locale as aggregates are keyed: a lower-case BCP 47 tag, or `''` when absent or not one. */
export function normalizeLocale(locale: string | undefined): string {
  const lower = (locale ?? '').trim().toLowerCase();
  return lower.length <= 35 && LOCALE.test(lower) ? lower : '';
}
