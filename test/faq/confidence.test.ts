import { describe, expect, it } from 'vitest';
import { createFaqIndex, type FaqArticle } from './helpers';

const article = (id: string, title: string, body: string): FaqArticle => ({ id, title, body });
const stutter = article(
  'stutter',
  'Playback stutters',
  'Lower the resolution and restart the router.',
);

// Two refund articles whose titles both hold the query; the second is 0.72× the first.
const twins = createFaqIndex([
  article(
    'refund-app',
    'Refund a membership',
    'Ask for a refund of a membership within 7 days of the charge with the order number.',
  ),
  article(
    'refund-store',
    'Refund a membership bought in a store',
    'A membership bought in the App Store is refunded by Apple; ask them for a refund.',
  ),
  stutter,
]);

// Two articles that hold "change the password" only in their bodies; the second is 0.72× the first.
const bodies = createFaqIndex([
  article(
    'devices',
    'Devices and screens',
    'Sign out of old devices in Settings. Change the password if someone else signs in.',
  ),
  article(
    'security',
    'Keeping the account safe',
    'Turn on two-step sign-in. Change the password every year and never share it with anyone at all. Use a long phrase that you do not use elsewhere, and keep the recovery email up to date so that a reset code reaches you.',
  ),
  stutter,
]);

describe('confidence', () => {
  it('answers strong when the first title says what was asked, though a runner-up is close', () => {
    const answer = twins.answer('refund membership');
    expect(answer.hits.map((h) => [h.article.id, h.confidence])).toEqual([
      ['refund-app', 'strong'],
      ['refund-store', 'weak'],
    ]);
    expect(answer.contactSupport).toBe(false);
  });

  it('says no good answer when only bodies hold the query and a runner-up is as close', () => {
    const answer = bodies.answer('change the password');
    expect(answer.hits.map((h) => [h.article.id, h.confidence])).toEqual([
      ['devices', 'none'],
      ['security', 'none'],
    ]);
    expect(answer.confidence).toBe('none');
    expect(answer.contactSupport).toBe(true);
  });

  it('answers strong for a body match that nothing else competes with', () => {
    const answer = bodies.answer('two-step sign-in');
    expect(answer.hits[0]?.article.id).toBe('security');
    expect(answer.confidence).toBe('strong');
  });
});
