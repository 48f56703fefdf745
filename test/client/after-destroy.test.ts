import { describe, expect, expectTypeOf, it } from 'vitest';
import { createKefu, isKefuError, type Kefu, type KefuEvents } from 'kefu';
import { createFaqIndex } from 'kefu/faq';
import { createMemoryStore } from '../../src/storage';

const make = (): Kefu =>
  createKefu({
    endpoint: 'https://support.example.com/api',
    appId: 'after-destroy',
    locale: 'en',
    storage: createMemoryStore(),
    faq: createFaqIndex([{ id: 'a', title: 'Buffering', body: 'Lower the resolution' }]),
  });

const destroyedError = (error: unknown) => isKefuError(error, 'destroyed');
const throwsDestroyed = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return destroyedError(error);
  }
  return false;
};

// After destroy(): one rule, stated in Kefu's TSDoc, held by every method.
describe('a destroyed kefu client', () => {
  it('says destroyed and rejects every promise method with a destroyed error', async () => {
    const kefu = make();
    expect(kefu.destroyed).toBe(false);
    kefu.destroy();
    expect(kefu.destroyed).toBe(true);
    const calls: [string, () => Promise<unknown>][] = [
      ['ready', () => kefu.ready()],
      ['categories', () => kefu.categories()],
      ['ticketForm', () => kefu.ticketForm('playback')],
      ['validateTicket', () => kefu.validateTicket({ category: 'playback' } as never)],
      ['previewDiagnostics', () => kefu.previewDiagnostics({})],
      ['submitTicket', () => kefu.submitTicket({ category: 'playback', description: 'x' })],
      ['submitFeedback', () => kefu.submitFeedback({ type: 'csat', rating: 5 } as never)],
      ['drafts.load', () => kefu.drafts.load('playback')],
      ['drafts.save', () => kefu.drafts.save('playback', { category: 'playback' } as never)],
      ['drafts.clear', () => kefu.drafts.clear('playback')],
      ['tickets.list', () => kefu.tickets.list()],
      ['tickets.refresh', () => kefu.tickets.refresh()],
      ['tickets.reply', () => kefu.tickets.reply('t1', 'hi')],
      ['tickets.survey', () => kefu.tickets.survey('t1', { rating: 5 })],
      ['tickets.dismissSurvey', () => kefu.tickets.dismissSurvey('t1')],
      ['flush', () => kefu.flush()],
      ['pending', () => kefu.pending()],
      ['discard', () => kefu.discard('e1')],
    ];
    for (const [name, call] of calls) {
      const error = await call().then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(destroyedError(error), name).toBe(true);
    }
  });

  it('throws a destroyed error from search, on, setUser, setLocale and setWatchContext', () => {
    const kefu = make();
    expect(kefu.search('buffering')).toHaveLength(1);
    kefu.destroy();
    expect(throwsDestroyed(() => kefu.search('buffering'))).toBe(true);
    expect(throwsDestroyed(() => kefu.on('sent', () => {}))).toBe(true);
    expect(throwsDestroyed(() => kefu.setUser({ id: 'u' }))).toBe(true);
    expect(throwsDestroyed(() => kefu.setLocale('zh-CN'))).toBe(true);
    expect(throwsDestroyed(() => kefu.setWatchContext(undefined))).toBe(true);
    expect(kefu.locale).toBe('en');
  });

  it('treats track, drafts.autosave, destroy and an earlier unsubscribe as no-ops', () => {
    const kefu = make();
    const off = kefu.on('queued', () => {});
    kefu.destroy();
    expect(() => {
      kefu.track({ type: 'search-no-result', query: 'x' } as never);
      kefu.drafts.autosave('playback', { category: 'playback' } as never);
      kefu.destroy();
      off();
    }).not.toThrow();
  });
});

describe('event names', () => {
  it('are the keys of KefuEvents: a misspelt name does not compile', () => {
    const kefu = make();
    // @ts-expect-error 'sentt' is not an event of KefuEvents
    const off = kefu.on('sentt', () => {});
    off();
    kefu.on('misconfigured', (event) => {
      expectTypeOf(event.reason).toEqualTypeOf<
        'refused' | 'not-found' | 'not-kefu' | 'unreachable'
      >();
    })();
    expectTypeOf<keyof KefuEvents>().toEqualTypeOf<
      | 'user-changed'
      | 'queued'
      | 'sent'
      | 'rejected'
      | 'retrying'
      | 'storage-unavailable'
      | 'upload-progress'
      | 'ticket-updated'
      | 'survey-due'
      | 'misconfigured'
      | 'message'
      | 'status'
      | 'typing'
      | 'unread-change'
      | 'conversation-updated'
    >();
    kefu.destroy();
  });
});
