import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { TOPICS, TOPIC_ALIASES, toTopic } from '../../src/protocol';
import { DEFAULT_CATEGORIES } from '../../src/tickets';
import { en } from '../../src/widget/locales/en';
import { ja } from '../../src/widget/locales/ja';
import { ko } from '../../src/widget/locales/ko';
import { zhCN } from '../../src/widget/locales/zh-CN';
import { zhTW } from '../../src/widget/locales/zh-TW';

describe('the topic vocabulary', () => {
  it('is the ticket categories of a video app, in their order', () => {
    expect(DEFAULT_CATEGORIES.map((c) => c.id)).toEqual([...TOPICS]);
  });

  it('reconciles the names FAQ files and tickets used for the same topic', () => {
    expect(toTopic('membership')).toBe('payment');
    expect(toTopic('content')).toBe('copyright');
    expect(toTopic('suggestions')).toBe('suggestion');
    expect(toTopic('creators')).toBe('creator');
    expect(toTopic('downloads')).toBe('download');
    // Case and surrounding spaces do not make another topic.
    expect(toTopic(' Membership ')).toBe('payment');
    expect(toTopic('PLAYBACK')).toBe('playback');
  });

  it('keeps a topic as it is and every alias on a real topic', () => {
    for (const topic of TOPICS) expect(toTopic(topic)).toBe(topic);
    for (const topic of Object.values(TOPIC_ALIASES)) expect(TOPICS).toContain(topic);
  });

  it("keeps an app's own category, and names of Object's prototype, as they are", () => {
    expect(toTopic('vip-lounge')).toBe('vip-lounge');
    expect(toTopic('Live Shopping')).toBe('Live Shopping');
    expect(toTopic('constructor')).toBe('constructor');
    expect(toTopic('toString')).toBe('toString');
    expect(toTopic('__proto__')).toBe('__proto__');
  });

  it('has a label in every widget language for every topic', () => {
    for (const [name, t] of Object.entries({ en, zhCN, zhTW, ja, ko }))
      for (const topic of TOPICS) expect(t.categories[topic], `${name} ${topic}`).toBeTruthy();
  });

  it('puts every category of the example FAQ on a topic, the same in both languages', () => {
    const categories = (locale: string) =>
      (
        JSON.parse(readFileSync(`examples/server/faq/${locale}.json`, 'utf8')) as {
          id: string;
          category: string;
        }[]
      ).map((a) => [a.id, toTopic(a.category)] as const);
    const zh = categories('zh-CN');
    expect(zh.length).toBeGreaterThanOrEqual(51);
    for (const [, topic] of zh) expect(TOPICS).toContain(topic);
    expect(categories('en')).toEqual(zh);
  });
});
