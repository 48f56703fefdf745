import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu } from '../../src/client';
import {
  createKefuGlobal,
  type InitConfig,
  type KefuInstance,
  type QueuedCall,
  WIDGET_METHODS,
} from '../../src/embed-api';
import { type CoreApi, createShell, type ShellHooks } from '../../src/embed-shell';
import { KefuError } from '../../src/errors';
import type { WidgetHandle } from '../../src/widget/types';

// window.Kefu before the script-tag client (kefu-core.js) has loaded: which calls load it, which
// are answered at once, and that every call reaches it in the order made. The built files, with
// the launcher, the idle start and a reload, run in Chromium (test/browser/script-tag-*.test.ts).
const instances: KefuInstance[] = [];
afterEach(() => {
  for (const instance of instances.splice(0)) instance.destroy();
  vi.restoreAllMocks();
});

/** The client as kefu-core.js makes it, with a widget that records its calls. */
function core(calls: string[]): CoreApi {
  return createKefuGlobal((config: InitConfig) => {
    const { widget, ...client } = config;
    const instance: KefuInstance = createKefu(client);
    calls.push(`init(${config.appId})`);
    if (widget !== false) {
      instance.widget = Object.fromEntries(
        WIDGET_METHODS.map((name) => [
          name,
          (...args: unknown[]) => {
            calls.push(`widget.${name}(${args.map((a) => JSON.stringify(a)).join(',')})`);
            return name.startsWith('on') ? () => calls.push(`widget.${name} dropped`) : undefined;
          },
        ]),
      ) as unknown as WidgetHandle;
    }
    instances.push(instance);
    return instance;
  });
}

function setup() {
  const calls: string[] = [];
  const inits: string[] = [];
  let load!: () => void;
  let finish: ((fail?: unknown) => void) | undefined;
  const hooks: ShellHooks = {
    load: vi.fn(
      () =>
        new Promise<CoreApi>((resolve, reject) => {
          calls.push('load');
          finish = (fail) => (fail ? reject(fail) : resolve(core(calls)));
        }),
    ),
    init: vi.fn((config: InitConfig, start: () => void) => {
      inits.push(config.appId);
      load = start;
      return () => calls.push(`undo(${config.appId})`);
    }),
    held: vi.fn((name: string) => calls.push(`held ${name}`)),
  };
  const shell = createShell(hooks);
  return {
    ...shell,
    calls,
    inits,
    hooks,
    loadNow: () => load(),
    /** Lets the pending load finish (or fail with `fail`), then waits for the replay. */
    async finish(fail?: unknown) {
      await vi.waitFor(() => expect(finish).toBeDefined());
      const done = finish!;
      finish = undefined;
      done(fail);
      await new Promise((r) => setTimeout(r, 0));
    },
  };
}
const config = (appId: string, extra: Partial<InitConfig> = {}): InitConfig => ({
  endpoint: 'https://support.example.com/api',
  appId,
  ...extra,
});
const outcome = (promise: Promise<unknown>) =>
  promise.then(
    (value) => ({ value }),
    (error: { code?: string; message: string }) => ({ code: error.code, message: error.message }),
  );

describe('window.Kefu before kefu-core.js has loaded', () => {
  it('loads nothing for init, subscriptions, the watch context and the language, answering them at once', async () => {
    const { api, calls, hooks } = setup();
    void api.init(config('quiet-start'));
    const unsubscribe = await api.on('sent', () => {});
    expect(typeof unsubscribe).toBe('function');
    await expect(api.onOpen(() => {})).resolves.toBeTypeOf('function');
    await expect(api.onClose(() => {})).resolves.toBeTypeOf('function');
    await expect(api.setWatchContext({ contentId: 'ep-3' })).resolves.toBeUndefined();
    await expect(api.setLocale('ja')).resolves.toBeUndefined();
    expect(hooks.load).not.toHaveBeenCalled();
    expect(calls).toEqual([
      'held on',
      'held onOpen',
      'held onClose',
      'held setWatchContext',
      'held setLocale',
    ]);
  });

  it('loads the client for the first call that needs it, and replays every call in the order made', async () => {
    const shell = setup();
    const { api, calls } = shell;
    const beforeInit = api.setUser({ id: 'user-before-init-5c1' });
    void api.init(config('ordered'));
    void api.setLocale('ko');
    const opened = api.open('ticket', { category: 'playback' });
    // The set-up before init needs the client: it loads at init, and the rest queue behind it.
    expect(calls).toEqual(['load']);
    const closed = api.close();
    await shell.finish();
    await Promise.all([beforeInit, opened, closed]);
    expect(calls).toEqual([
      'load',
      'init(ordered)',
      'widget.setLocale("ko")',
      'widget.open("ticket",{"category":"playback"})',
      'widget.close()',
    ]);
    // Loaded: straight to the client, nothing loads again.
    await api.hideLauncher();
    expect(calls.at(-1)).toBe('widget.hideLauncher()');
    expect(shell.hooks.load).toHaveBeenCalledTimes(1);
    expect(instances[0]!.locale).toBe('ko');
  });

  it('answers a call with what the client returns or throws, typed', async () => {
    const shell = setup();
    void shell.api.init(config('answers'));
    const unread = shell.api.unreadCount();
    const typo = outcome(shell.api.track('bad name'));
    const noFaq = outcome(shell.api.search('卡顿'));
    await shell.finish();
    expect(await unread).toBe(0);
    expect(await typo).toMatchObject({ code: 'invalid_input' });
    expect(await noFaq).toMatchObject({ code: 'invalid_config' });
  });

  it('loads the client when the init promise is awaited, and resolves it to the client', async () => {
    const shell = setup();
    const init = shell.api.init(config('awaited'));
    expect(shell.hooks.load).not.toHaveBeenCalled();
    const instance = init.then((k) => k);
    await shell.finish();
    const kefu = await instance;
    expect(kefu).toBe(instances[0]);
    expect(kefu.widget).toBeDefined();
    expect(shell.inits).toEqual(['awaited']);
  });

  it('unsubscribes a listener held before the load without the client ever seeing it, and one after through the client', async () => {
    const shell = setup();
    const { api, calls } = shell;
    void api.init(config('listeners'));
    const seen: unknown[] = [];
    const dropped = await api.on('user-changed', (event) => seen.push(['dropped', event]));
    const kept = await api.on('user-changed', (event) => seen.push(['kept', event]));
    const openWatcher = await api.onOpen(() => {});
    dropped();
    void api.setUser({ id: 'user-listener-91d' });
    await shell.finish();
    expect(seen).toEqual([['kept', { userId: 'user-listener-91d' }]]);
    expect(calls).toContain('widget.onOpen()');
    kept();
    openWatcher();
    await api.setUser({ id: 'user-listener-a07' });
    expect(seen).toHaveLength(1);
    expect(calls.at(-1)).toBe('widget.onOpen dropped');
  });

  it('loads the client for onOpen when init had widget: false, which then rejects it', async () => {
    const shell = setup();
    void shell.api.init(config('headless', { widget: false }));
    const refused = outcome(shell.api.onOpen(() => {}));
    expect(shell.hooks.load).toHaveBeenCalledTimes(1);
    await shell.finish();
    expect(await refused).toMatchObject({ code: 'invalid_config' });
  });

  it('rejects a bad init config at once, loading nothing', async () => {
    const shell = setup();
    expect(await outcome(shell.api.init(null as never))).toMatchObject({
      code: 'invalid_config',
      message: 'Kefu.init needs a config object: { endpoint, appId }',
    });
    expect(shell.hooks.init).not.toHaveBeenCalled();
    expect(shell.hooks.load).not.toHaveBeenCalled();
  });

  it('replaces what a first init drew when init is called again before the load', async () => {
    const shell = setup();
    void shell.api.init(config('first'));
    void shell.api.init(config('second'));
    expect(shell.calls).toEqual(['undo(first)']);
    void shell.api.close();
    await shell.finish();
    expect(shell.calls).toEqual(['undo(first)', 'load', 'init(second)', 'widget.close()']);
  });
});

describe('window.Kefu when kefu-core.js cannot load', () => {
  it('rejects what waited for it with the typed error, keeps init and the held calls, and tries again on the next call', async () => {
    const shell = setup();
    const { api, calls } = shell;
    const init = api.init(config('offline'));
    void api.setLocale('en');
    const first = outcome(api.submitTicket({ category: 'playback', description: 'Stutters' }));
    const network = new KefuError('network', 'Could not load kefu-core.js');
    await shell.finish(network);
    expect(await first).toEqual({ code: 'network', message: 'Could not load kefu-core.js' });
    const again = api.open();
    await shell.finish();
    await again;
    expect(calls.filter((c) => c !== 'load' && !c.startsWith('held'))).toEqual([
      'init(offline)',
      'widget.setLocale("en")',
      'widget.open()',
    ]);
    // Not awaited while the load failed: it was kept, and settles with the client now.
    await expect(init).resolves.toBe(instances[0]);
  });

  it('rejects an awaited init with the load error', async () => {
    const shell = setup();
    const init = outcome(shell.api.init(config('awaited-offline')));
    await shell.finish(new KefuError('network', 'Could not load kefu-core.js'));
    expect(await init).toMatchObject({ code: 'network' });
  });
});

describe('the snippet’s queue', () => {
  it('replays it in order, settling the promise of init it handed out when the client loads for a tap', async () => {
    const shell = setup();
    const settled: unknown[] = [];
    shell.replay([
      ['on', ['sent', () => {}], (v) => settled.push(typeof v), (e) => settled.push(e)],
      ['init', [config('snippet')], (v) => settled.push(v), (e) => settled.push(e)],
      ['setWatchContext', [{ contentId: 'ep-9' }], (v) => settled.push(v), (e) => settled.push(e)],
    ]);
    expect(shell.inits).toEqual(['snippet']);
    await vi.waitFor(() => expect(settled).toEqual(['function', undefined]));
    // Nobody can be seen awaiting the snippet's promise: it asks for no client on its own.
    await new Promise((r) => setTimeout(r, 20));
    expect(shell.hooks.load).not.toHaveBeenCalled();
    expect(settled).toEqual(['function', undefined]);
    // What src/embed.ts does on the launcher's first tap.
    shell.loadNow();
    await shell.finish();
    expect(settled).toEqual(['function', undefined, instances[0]]);
  });

  it('loads the client at once for an init the page awaited before the replay, and resolves it', async () => {
    const shell = setup();
    const settled: unknown[] = [];
    shell.replay([
      ['init', [config('awaited-early')], (v) => settled.push(v), (e) => settled.push(e), 1],
      ['setLocale', ['en'], (v) => settled.push(v), (e) => settled.push(e)],
    ]);
    expect(shell.hooks.load).toHaveBeenCalledTimes(1);
    await shell.finish();
    // The client is loading, so setLocale is not answered early: it runs after init, in order.
    expect(settled).toEqual([instances[0], undefined]);
    expect(shell.calls).toEqual(['load', 'init(awaited-early)', 'widget.setLocale("en")']);
  });

  it('loads the client when the page awaits the snippet’s init after the replay, once', async () => {
    const shell = setup();
    const settled: unknown[] = [];
    const entry: QueuedCall = [
      'init',
      [config('awaited-late')],
      (v) => settled.push(v),
      (e) => settled.push(e),
    ];
    shell.replay([entry]);
    expect(shell.hooks.load).not.toHaveBeenCalled();
    // What the snippet's promise does on then (catch, finally, await), here twice.
    entry[4] = 1;
    entry[4] = 1;
    expect(entry[4]).toBe(true);
    expect(shell.hooks.load).toHaveBeenCalledTimes(1);
    await shell.finish();
    expect(settled).toEqual([instances[0]]);
  });

  it('rejects the awaited snippet init with the load error, and loads again when awaited again', async () => {
    const shell = setup();
    const settled: unknown[] = [];
    const entry: QueuedCall = ['init', [config('late-offline')], undefined, (e) => settled.push(e)];
    entry[2] = (v) => settled.push(v);
    shell.replay([entry]);
    entry[4] = 1;
    await shell.finish(new KefuError('network', 'Could not load kefu-core.js'));
    expect(settled).toMatchObject([{ code: 'network' }]);
    entry[4] = 1;
    expect(shell.hooks.load).toHaveBeenCalledTimes(2);
  });

  it('does not ask for the client for the old snippet’s init, which handed out no promise', () => {
    const shell = setup();
    shell.replay([['init', [config('old-snippet')]]]);
    expect(shell.inits).toEqual(['old-snippet']);
    expect(shell.hooks.load).not.toHaveBeenCalled();
  });
});
