import { describe, expect, it } from 'vitest';
import { createLogState } from '../../src/conversations/log-state';
import { createMemoryStore } from '../../src/storage';

const at = '2026-12-05T01:00:00.000Z';
const userMessage = (id: string, body: string) => ({
  id: String(id),
  type: 'message',
  at,
  conversationId: 'c1',
  message: { id: `m-${body}`, from: 'user' as const, body, at },
});

describe('the log state of a device', () => {
  it('shows once a message whose answer was lost but whose echo came before the reload', async () => {
    const store = createMemoryStore();
    const before = createLogState(store, 'u');
    await before.add({ id: 'c1', status: 'waiting', createdAt: at, messages: [] }, 'secret');
    // The relay stored "held" and the stream echoed it; the post's answer never came.
    before.apply([userMessage('1', 'first'), userMessage('2', 'held')]);
    await new Promise((r) => setTimeout(r, 0));
    // After the reload the outbox still lists it, and the client shows it as on its way.
    const after = createLogState(store, 'u');
    await after.load();
    after.setLocal('m-held', {
      conversationId: 'c1',
      message: { id: 'm-held', from: 'user', body: 'held', at },
      state: 'sending',
    });
    // A message still on its way is shown, after the stored ones.
    after.setLocal('m-next', {
      conversationId: 'c1',
      message: { id: 'm-next', from: 'user', body: 'next', at },
      state: 'queued',
    });
    expect(after.get('c1')!.messages.map((m) => `${m.body} ${m.state}`)).toEqual([
      'first sent',
      'held sent',
      'next queued',
    ]);
    expect(after.local('m-held')).toBeUndefined();
    expect(after.locals('c1')).toEqual(['m-next']);
  });
});
