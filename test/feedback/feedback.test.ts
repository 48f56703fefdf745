import { describe, expect, it } from 'vitest';
import { isKefuError } from 'kefu';
import { validateFeedback } from '../../src/feedback';
import { en } from '../../src/tickets/messages/en';
import { zhCN } from '../../src/tickets/messages/zh-CN';
import { client, envelopeOf, fakeServer, json } from '../tickets/helpers';

const fields = (input: Parameters<typeof validateFeedback>[0]) =>
  validateFeedback(input, en).map((p) => p.field);

describe('feedback checks by type', () => {
  it('takes CSAT 1–5 and NPS 0–10, where 0 is an answer', () => {
    expect(fields({ type: 'csat', rating: 5 })).toEqual([]);
    expect(fields({ type: 'csat', rating: 0 })).toEqual(['rating']);
    expect(fields({ type: 'csat', rating: 4.5 })).toEqual(['rating']);
    expect(fields({ type: 'nps', rating: 0 })).toEqual([]);
    expect(fields({ type: 'nps', rating: 11 })).toEqual(['rating']);
    expect(fields({ type: 'nps' })).toEqual(['rating']);
  });

  it('needs a comment for a suggestion or a bug', () => {
    expect(fields({ type: 'suggestion', comment: '希望支持倍速播放' })).toEqual([]);
    expect(fields({ type: 'bug', comment: '   ' })).toEqual(['comment']);
  });

  it('needs the article and a yes or no for “was this helpful?”, with a reason code when given', () => {
    expect(
      fields({ type: 'article', articleId: 'reset-password', helpful: false, reason: 'outdated' }),
    ).toEqual([]);
    expect(fields({ type: 'article', helpful: true })).toEqual(['articleId']);
    expect(fields({ type: 'article', articleId: 'a' })).toEqual(['helpful']);
    expect(fields({ type: 'article', articleId: 'a', helpful: false, reason: 'meh' })).toEqual([
      'reason',
    ]);
  });

  it('needs a content id and a known reason code for a report, and accepts an app’s own codes', () => {
    expect(fields({ type: 'report', contentId: 'video:88', reason: 'spam' })).toEqual([]);
    expect(fields({ type: 'report', reason: 'spam' })).toEqual(['contentId']);
    expect(fields({ type: 'report', contentId: 'comment:9', reason: 'boring' })).toEqual([
      'reason',
    ]);
    expect(
      validateFeedback({ type: 'report', contentId: 'c', reason: 'boring' }, en, ['boring']),
    ).toEqual([]);
  });

  it('needs the ticket for a survey, and says why in Chinese', () => {
    expect(validateFeedback({ type: 'survey', rating: 9 }, zhCN)).toEqual([
      { field: 'rating', message: '评分：请选择 1 到 5 的评分' },
      { field: 'ticketId', message: '工单：不能为空' },
    ]);
    expect(fields({ type: 'praise' as never })).toEqual(['type']);
  });

  it('takes a survey of a conversation instead of a ticket, but never of both', () => {
    expect(validateFeedback({ type: 'survey', rating: 1, conversationId: 'c-1' }, en)).toEqual([]);
    expect(validateFeedback({ type: 'survey', rating: 5, conversationId: ' ' }, en)).toHaveLength(
      1,
    );
    expect(fields({ type: 'survey', rating: 4, conversationId: 'c-1', ticketId: 't-1' })).toEqual([
      'conversationId',
    ]);
  });
});

describe('kefu.submitFeedback', () => {
  it('sends a report of a comment with its reason code and watch context, sent only after acknowledgement', async () => {
    const server = fakeServer(() => json(201, { id: 'F-1' }));
    const kefu = client({ fetch: server.fetch });
    const receipt = await kefu.submitFeedback({
      type: 'report',
      contentId: 'comment:42',
      reason: 'harassment',
      comment: '骂人',
      context: { contentId: 'ep-1', positionSec: 30 },
    });
    expect(receipt).toMatchObject({ status: 'sent', id: 'F-1' });
    expect(envelopeOf(server.calls[0]!)).toMatchObject({
      kind: 'feedback',
      payload: { type: 'report', contentId: 'comment:42', reason: 'harassment' },
    });
  });

  it('gives a report the watch context the app keeps current, with the player’s position at that moment', async () => {
    const server = fakeServer(() => json(201, { id: 'F-2' }));
    const kefu = client({ fetch: server.fetch });
    const video = { currentTime: 5 };
    kefu.setWatchContext({ contentId: 'live-77', title: '直播间' }, video);
    video.currentTime = 301;
    await kefu.submitFeedback({ type: 'report', contentId: 'live-77', reason: 'violence' });
    await kefu.submitFeedback({ type: 'csat', rating: 4 });
    expect(envelopeOf(server.calls[0]!).payload.context).toEqual({
      contentId: 'live-77',
      title: '直播间',
      positionSec: 301,
    });
    expect(envelopeOf(server.calls[1]!).payload.context).toBeUndefined();
    kefu.setWatchContext(undefined);
    await kefu.submitFeedback({ type: 'report', contentId: 'live-77', reason: 'spam' });
    expect(envelopeOf(server.calls[2]!).payload.context).toBeUndefined();
  });

  it('refuses bad feedback in the user’s language before anything is sent', async () => {
    const server = fakeServer(() => json(201, { id: 'F-1' }));
    const kefu = client({ fetch: server.fetch });
    const error = await kefu
      .submitFeedback({ type: 'report', contentId: 'video:1' })
      .catch((e) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect(error).toMatchObject({ field: 'reason', message: '原因：请选择一个原因' });
    expect(server.calls).toHaveLength(0);
  });

  it('shows a 4xx with the server’s reason and keeps the feedback to fix or discard', async () => {
    const server = fakeServer(() =>
      json(400, { error: { code: 'bad', message: '内容不存在', field: 'contentId' } }),
    );
    const kefu = client({ fetch: server.fetch });
    const error = await kefu
      .submitFeedback({ type: 'report', contentId: 'video:1', reason: 'spam' })
      .catch((e) => e);
    expect(error).toMatchObject({
      code: 'rejected',
      message: '内容不存在',
      field: 'contentId',
      status: 400,
    });
    expect((await kefu.pending())[0]!.state).toBe('rejected');
  });
});
