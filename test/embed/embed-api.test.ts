import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu } from '../../src/client';
import {
  CLIENT_METHODS,
  createKefuGlobal,
  type InitConfig,
  type KefuInstance,
  WIDGET_METHODS,
} from '../../src/embed-api';
import type { WidgetHandle } from '../../src/widget/types';

// window.Kefu's queue and routing, with a real client and a widget that records its calls. The
// built script's replay of the snippet's queue, every method, runs in Chromium
// (test/browser/script-tag-api.test.ts).
const instances: KefuInstance[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
});

function setup() {
  const calls: string[] = [];
  const widgetCalls =
    (name: string) =>
    (...args: unknown[]) => {
      calls.push(`widget.${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
    };
  const create = vi.fn((config: InitConfig): KefuInstance => {
    const { widget, ...client } = config;
    const instance: KefuInstance = createKefu(client);
    calls.push(`init(${config.appId})`);
    if (widget !== false) {
      instance.widget = Object.fromEntries(
        WIDGET_METHODS.map((name) => [name, widgetCalls(name)]),
      ) as unknown as WidgetHandle;
    }
    instances.push(instance);
    return instance;
  });
  return { ...createKefuGlobal(create), calls, create };
}
const config = (appId: string, extra: Partial<InitConfig> = {}): InitConfig => ({
  endpoint: 'https://support.example.com/api',
  appId,
  ...extra,
});
const outcome = (
  promise: Promise<unknown>,
): Promise<{ value?: unknown; code?: string; message?: string }> =>
  promise.then(
    (value) => ({ value }),
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe('window.Kefu', () => {
  it('has every listed method, nested ones under their object, and init', () => {
    const { api } = setup();
    for (const name of ['init', ...CLIENT_METHODS, ...WIDGET_METHODS]) {
      const method = name.split('.').reduce((o, part) => (o as any)[part], api as unknown);
      expect(typeof method, name).toBe('function');
    }
    expect(Object.keys(api.tickets).sort()).toEqual([
      'dismissSurvey',
      'list',
      'refresh',
      'reply',
      'survey',
    ]);
  });

  it('holds calls made before init and runs them right after it, in the order they were made', async () => {
    const { api, calls } = setup();
    const opened = api.open('ticket', { category: 'playback' });
    const locale = api.setLocale('en');
    expect(calls).toEqual([]);
    const instance = await api.init(config('first'));
    await Promise.all([opened, locale]);
    expect(calls).toEqual([
      'init(first)',
      'widget.open("ticket",{"category":"playback"})',
      'widget.setLocale("en")',
    ]);
    // A method both have goes to both: the client's locale changed too.
    expect(instance.locale).toBe('en');
  });

  it('resolves to what the client returns, and rejects with what it throws', async () => {
    const { api } = setup();
    void api.init(config('values'));
    expect(await outcome(api.track('bad name'))).toMatchObject({ code: 'invalid_input' });
    const form = await api.ticketForm('playback');
    expect(form.category).toBe('playback');
    expect(await outcome(api.ticketForm('no-such-category'))).toMatchObject({
      code: 'invalid_input',
      message: 'There is no ticket category "no-such-category"',
    });
    const unsubscribe = await api.on('sent', () => {});
    expect(typeof unsubscribe).toBe('function');
  });

  it('replays a queue from the snippet, settling each promise it handed out, and the old snippet’s calls', async () => {
    const { replay, calls } = setup();
    const settled: unknown[] = [];
    const errors = vi.spyOn(console, 'error').mockImplementation(() => {});
    replay([
      ['close', [], (v) => settled.push(['close', v]), (e) => settled.push(['close!', e])],
      ['init', [config('queued')]],
      ['open', ['home']],
      [
        'tickets.lisst',
        [],
        (v) => settled.push(v),
        (e) => settled.push(['typo', (e as Error).message]),
      ],
    ]);
    await vi.waitFor(() => expect(settled).toHaveLength(2));
    expect(calls).toEqual(['init(queued)', 'widget.close()', 'widget.open("home")']);
    expect(settled).toEqual([
      ['close', undefined],
      ['typo', 'Kefu.tickets.lisst is not a kefu method; did you mean Kefu.tickets.list?'],
    ]);
    // The old snippet handed out no promise: its failures reach the console.
    replay([['opne', []]]);
    await vi.waitFor(() => expect(errors).toHaveBeenCalledTimes(1));
    expect(String(errors.mock.calls[0]![0])).toContain('did you mean Kefu.open?');
  });

  it('rejects widget methods with invalid_config after init with widget: false, and runs client ones', async () => {
    const { api } = setup();
    await api.init(config('headless', { widget: false }));
    const refused = await outcome(api.open());
    expect(refused).toMatchObject({ code: 'invalid_config' });
    expect(refused.message).toContain('widget: false');
    expect(await outcome(api.setLocale('ja'))).toEqual({ value: undefined });
  });

  it('rejects every call after destroy with destroyed until init is called again', async () => {
    const { api, calls } = setup();
    const first = await api.init(config('one'));
    await api.destroy();
    expect(calls.slice(-1)).toEqual(['widget.destroy()']);
    expect(await outcome(first.ready())).toMatchObject({ code: 'destroyed' });
    const after = await outcome(api.pending());
    expect(after).toMatchObject({ code: 'destroyed' });
    expect(after.message).toContain('call Kefu.init(config) again');
    await api.init(config('two'));
    expect(await outcome(api.hideLauncher())).toEqual({ value: undefined });
  });

  it('rejects init with what creating the client threw', async () => {
    const { api } = setup();
    const refused = await outcome(api.init(null as never));
    expect(refused).toMatchObject({ code: 'invalid_config' });
    // Calls still wait for a good init.
    const waiting = api.close();
    await api.init(config('good'));
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('window.Kefu.reset', () => {
  it('signs the user out through the queue when called before init, in call order', async () => {
    const { api } = setup();
    const seen: unknown[] = [];
    const setUser = api.setUser({ id: 'reset-user-7f3' });
    const reset = api.reset();
    const on = api.on('user-changed', (event) => seen.push(event));
    await api.init(config('reset-app'));
    await Promise.all([setUser, on]);
    expect(await outcome(reset)).toEqual({ value: undefined });
    // Queued calls run in order: the listener came after both, so it saw neither.
    expect(seen).toEqual([]);
    await api.setUser({ id: 'reset-user-8a1' });
    await api.reset();
    expect(seen).toEqual([
      { userId: 'reset-user-8a1' },
      { userId: undefined, signedOut: 'reset-user-8a1' },
    ]);
  });
});
