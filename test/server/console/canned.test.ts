import { describe, expect, it } from 'vitest';
import {
  articleAsReply,
  cannedAnswers,
  findArticle,
} from '../../../examples/server/console/canned';
import type { FaqArticle } from '../../../src/faq';

const article = (id: string, title: string, body = `${title} body`): FaqArticle => ({
  id,
  title,
  body,
});
const en = [
  article('refund', 'Refund a membership', 'Open **Membership**, then tap Refund.'),
  article('buffering', 'The video keeps buffering', 'Lower the resolution or restart the router.'),
  article('subtitles', 'Subtitles are out of sync', 'Pick another subtitle track.'),
  article('login', 'I cannot log in', 'Reset your password.'),
];
const zh = [article('buffering', '视频一直缓冲', '降低清晰度或重启路由器。')];
const faq = (locale: string) => (locale === 'en' ? en : locale === 'zh-CN' ? zh : undefined);

describe('canned answers', () => {
  it('suggests what the bot showed first, then the best matches of the user’s words', () => {
    const answers = cannedAnswers(faq, 'en', 'video buffering all the time', ['login']);
    expect(answers.suggested.map((a) => a.id)).toEqual(['login', 'buffering']);
    expect(answers.all.map((a) => a.id)).toEqual(['login', 'refund', 'subtitles', 'buffering']);
  });

  it('answers from the conversation’s locale, English where the locale has no FAQ', () => {
    expect(cannedAnswers(faq, 'zh-CN', '缓冲').all.map((a) => a.title)).toEqual(['视频一直缓冲']);
    expect(cannedAnswers(faq, 'fr', '').all).toHaveLength(4);
    expect(findArticle(faq, 'fr', 'refund')?.title).toBe('Refund a membership');
    expect(findArticle(faq, 'en', 'nope')).toBeUndefined();
    expect(cannedAnswers(undefined, 'en', 'x')).toEqual({ suggested: [], all: [] });
  });

  it('turns an article into a reply without Markdown marks, keeping web links readable', () => {
    expect(
      articleAsReply(
        article(
          'x',
          't',
          '## Steps\n\nOpen **Settings** and [the help page](https://help.example/a).\n\n\n\nSee [this](javascript:alert(1)).',
        ),
      ),
    ).toBe('Steps\n\nOpen Settings and the help page (https://help.example/a).\n\nSee this.');
  });
});
