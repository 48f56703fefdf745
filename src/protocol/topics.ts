/**
 * The topics of a video app's support: one vocabulary for FAQ categories, ticket categories,
 * feedback and conversation routing, so "still need help" under a refund article opens the
 * payment form and a search about stutter starts a playback ticket.
 */
export const TOPICS = [
  'account',
  'payment',
  'playback',
  'download',
  'copyright',
  'creator',
  'report',
  'suggestion',
] as const;

/** One of {@link TOPICS}. */
export type Topic = (typeof TOPICS)[number];

/**
 * Other names of the same topics, as FAQ files, help centres and older tickets spell them
 * (`membership` where tickets say `payment`, `content` for `copyright`, plurals).
 */
export const TOPIC_ALIASES: Readonly<Record<string, Topic>> = {
  login: 'account',
  privacy: 'account',
  membership: 'payment',
  billing: 'payment',
  subscription: 'payment',
  coins: 'payment',
  downloads: 'download',
  content: 'copyright',
  creators: 'creator',
  reports: 'report',
  suggestions: 'suggestion',
  feature: 'suggestion',
};

/**
 * The topic a category name stands for: a topic stays itself, an alias becomes its topic (case
 * and surrounding spaces ignored), and any other name, an app's own category, is kept as it is.
 * @example toTopic('membership') // 'payment'
 */
export function toTopic(name: string): string {
  const key = name.trim().toLowerCase();
  if ((TOPICS as readonly string[]).includes(key)) return key;
  return Object.hasOwn(TOPIC_ALIASES, key) ? TOPIC_ALIASES[key]! : name;
}
