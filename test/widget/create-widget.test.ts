import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu } from '../../src/client';
import { createWidget } from '../../src/widget/create-widget';
import { resolveLocale } from '../../src/widget/locale';
import type { PlaybackWatcher } from '../../src/diagnostics/registry';
import type { PanelContext, PanelModule, WatchModule } from '../../src/widget/panel-contract';
import { panelModule } from '../helpers/panel-module';

// A stand-in panel: the core's job (launcher, host, dialog, loading, teardown) is what is tested.
function fakePanel() {
  const calls: string[] = [];
  let context: PanelContext | undefined;
  const load = vi.fn(
    async (): Promise<PanelModule> =>
      panelModule(
        async (ctx) => {
          context = ctx;
          const style = document.createElement('style');
          if (ctx.options.nonce) style.setAttribute('nonce', ctx.options.nonce);
          ctx.root.prepend(style);
          return {
            show: (view) => calls.push(`show:${view}`),
            setLocale: (l) => calls.push(`locale:${l}`),
            setPage: () => {},
            unmount: () => calls.push('unmount'),
          };
        },
        async (_kefu, _options, locale) => {
          calls.push(`prefetch:${locale}`);
        },
      ),
  );
  return { load, calls, context: () => context };
}

const kefu = () =>
  createKefu({
    endpoint: 'https://support.example.com/api',
    appId: 'widget-tests',
    locale: 'zh-CN',
  });

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('the widget core', () => {
  it('adds only the launcher at mount and loads the panel on first open, once', async () => {
    const panel = fakePanel();
    const widget = createWidget(kefu(), {}, panel.load);
    expect(document.querySelectorAll('[data-kefu-launcher]')).toHaveLength(1);
    expect(document.querySelector('[data-kefu-widget]')).toBeNull();
    expect(panel.load).not.toHaveBeenCalled();
    const button = document
      .querySelector('[data-kefu-launcher]')!
      .shadowRoot!.querySelector('button')!;
    expect(button.textContent).toContain('帮助与反馈');
    await widget.open('ticket', { category: 'playback' });
    await widget.open();
    expect(panel.load).toHaveBeenCalledTimes(1);
    expect(panel.calls).toEqual(['show:ticket', 'show:home']);
    expect(
      document.querySelector('[data-kefu-widget]')!.shadowRoot!.querySelector('dialog')!.open,
    ).toBe(true);
    expect(button.getAttribute('aria-expanded')).toBe('true');
    widget.destroy();
  });

  it('makes no launcher with launcher: false and puts the nonce on the panel style', async () => {
    const panel = fakePanel();
    const widget = createWidget(kefu(), { launcher: false, nonce: 'n0nce' }, panel.load);
    expect(document.querySelector('[data-kefu-launcher]')).toBeNull();
    await widget.open();
    expect(panel.context()!.root.querySelector('style')!.getAttribute('nonce')).toBe('n0nce');
    widget.destroy();
  });

  it('leaves no node and no document listener after destroy', async () => {
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const add = vi.spyOn(document, 'addEventListener').mockImplementation(function (
      this: Document,
      ...args: Parameters<Document['addEventListener']>
    ) {
      added.push(args[1]);
      return EventTarget.prototype.addEventListener.apply(this, args);
    });
    vi.spyOn(document, 'removeEventListener').mockImplementation(function (
      this: Document,
      ...args: Parameters<Document['removeEventListener']>
    ) {
      removed.push(args[1]);
      return EventTarget.prototype.removeEventListener.apply(this, args);
    });
    const panel = fakePanel();
    const widget = createWidget(kefu(), {}, panel.load);
    await widget.open();
    widget.destroy();
    await Promise.resolve();
    expect(document.body.children).toHaveLength(0);
    expect(panel.calls).toContain('unmount');
    expect(added.length).toBeGreaterThan(0);
    // Every listener added was removed (removing one never added is harmless).
    expect(added.filter((listener) => !removed.includes(listener))).toEqual([]);
    add.mockRestore();
    await widget.open();
    expect(document.body.children).toHaveLength(0);
  });

  it('tries again on the next open when the panel failed to load', async () => {
    const panel = fakePanel();
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockImplementation(panel.load);
    const widget = createWidget(kefu(), {}, load);
    await expect(widget.open()).rejects.toThrow('offline');
    expect(document.querySelector('[data-kefu-widget]')).toBeNull();
    await widget.open();
    expect(panel.calls).toEqual(['show:home']);
    widget.destroy();
  });

  it('relabels the launcher when the language changes', async () => {
    const widget = createWidget(kefu(), {}, fakePanel().load);
    widget.setLocale('en-GB');
    expect(document.querySelector('[data-kefu-launcher]')!.shadowRoot!.textContent).toContain(
      'Help & feedback',
    );
    widget.destroy();
  });
});

describe('the unread badge', () => {
  // A client whose unread count the test tells, as live support does.
  const withUnread = () => {
    let tell: (count: number) => void = () => {};
    const client = Object.create(kefu(), {
      on: {
        value: (type: string, listener: (event: { count: number }) => void) => {
          if (type === 'unread-change') tell = (count) => listener({ count });
          return () => {};
        },
      },
    });
    return { client, tell: (count: number) => tell(count) };
  };
  const launcherButton = () =>
    document.querySelector('[data-kefu-launcher]')!.shadowRoot!.querySelector('button')!;

  it('shows the count at once and names it in words in the widget language once they load', async () => {
    const { client, tell } = withUnread();
    const widget = createWidget(client, {}, fakePanel().load);
    expect(launcherButton().getAttribute('aria-label')).toBeNull();
    tell(3);
    expect(launcherButton().querySelector('b')!.textContent).toBe('3');
    // Before the words have loaded, a screen reader hears the number.
    expect(launcherButton().getAttribute('aria-label')).toBe('帮助与反馈, 3');
    await vi.waitFor(() =>
      expect(launcherButton().getAttribute('aria-label')).toBe('帮助与反馈, 3 条新消息'),
    );
    widget.setLocale('en');
    expect(launcherButton().getAttribute('aria-label')).toBe('Help & feedback, 3 new messages');
    tell(120);
    expect(launcherButton().querySelector('b')!.textContent).toBe('99+');
    expect(launcherButton().getAttribute('aria-label')).toBe('Help & feedback, 120 new messages');
    tell(0);
    expect(launcherButton().querySelector('b')!.textContent).toBe('');
    expect(launcherButton().getAttribute('aria-label')).toBeNull();
    widget.destroy();
  });

  it('shows no badge with liveChat: false', () => {
    const { client, tell } = withUnread();
    createWidget(client, { liveChat: false }, fakePanel().load);
    tell(2);
    expect(launcherButton().querySelector('b')!.textContent).toBe('');
    expect(launcherButton().getAttribute('aria-label')).toBeNull();
  });
});

describe('watching playback from mount', () => {
  // A stand-in watch module: what is watched, and whether it was stopped.
  function fakeWatch() {
    const watched: { target: object; stopped: boolean }[] = [];
    const load = vi.fn(
      async (): Promise<WatchModule> => ({
        watchPlayback(target) {
          const entry = { target, stopped: false };
          watched.push(entry);
          return {
            ready: Promise.resolve(),
            history: () => ({
              since: 0,
              stalls: [],
              switches: [],
              errors: [],
              seeks: 0,
              playedMs: 0,
            }),
            segments: () => [],
            timings: () => [],
            state: () => ({ buffering: false, autoplayBlocked: false }),
            recordError() {},
            stop: () => void (entry.stopped = true),
          } as PlaybackWatcher;
        },
      }),
    );
    return { load, watched };
  }
  const idle = () => vi.advanceTimersByTimeAsync(3000);

  afterEach(() => vi.useRealTimers());

  it('loads the watcher when the page is idle after mount, not at mount, watches the player over the video, and hands it to the panel', async () => {
    vi.useFakeTimers();
    const video = document.createElement('video');
    const player = { levels: [] };
    const watch = fakeWatch();
    const panel = fakePanel();
    const widget = createWidget(kefu(), { video, player }, panel.load, watch.load);
    expect(watch.load).not.toHaveBeenCalled();
    await idle();
    expect(watch.load).toHaveBeenCalledTimes(1);
    expect(watch.watched.map((w) => w.target)).toEqual([player]);
    // Before any open: the history starts before the user asks for help.
    expect(panel.load).not.toHaveBeenCalled();
    vi.useRealTimers();
    await widget.open('check');
    expect(panel.context()!.watcher()).toBeDefined();
    widget.destroy();
    expect(watch.watched[0]!.stopped).toBe(true);
    expect(panel.context()!.watcher()).toBeUndefined();
  });

  it('watches the video element when there is no player, and nothing without either', async () => {
    vi.useFakeTimers();
    const video = document.createElement('video');
    const watch = fakeWatch();
    const one = createWidget(kefu(), { video }, fakePanel().load, watch.load);
    const none = createWidget(kefu(), {}, fakePanel().load, watch.load);
    await idle();
    expect(watch.watched.map((w) => w.target)).toEqual([video]);
    one.destroy();
    none.destroy();
  });

  it('leaves no timer and loads nothing when destroyed before the page was idle', async () => {
    vi.useFakeTimers();
    const watch = fakeWatch();
    const client = kefu();
    const before = vi.getTimerCount();
    const widget = createWidget(
      client,
      { video: document.createElement('video') },
      fakePanel().load,
      watch.load,
    );
    expect(vi.getTimerCount()).toBe(before + 1);
    widget.destroy();
    expect(vi.getTimerCount()).toBe(before);
    await idle();
    expect(watch.load).not.toHaveBeenCalled();
  });

  it('starts no watcher when destroyed while its code was loading', async () => {
    vi.useFakeTimers();
    const watch = fakeWatch();
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const load = vi.fn(async () => {
      await gate;
      return watch.load();
    });
    const widget = createWidget(
      kefu(),
      { video: document.createElement('video') },
      fakePanel().load,
      load,
    );
    await idle();
    expect(load).toHaveBeenCalledTimes(1);
    widget.destroy();
    release();
    await vi.runAllTimersAsync();
    expect(watch.watched).toEqual([]);
  });

  it('starts watching on an open before the page was idle, and tries again after a failed load', async () => {
    const watch = fakeWatch();
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockImplementation(watch.load);
    const video = document.createElement('video');
    const widget = createWidget(kefu(), { video }, fakePanel().load, load);
    await widget.open();
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(1);
    expect(watch.watched).toEqual([]);
    widget.close();
    await widget.open();
    await Promise.resolve();
    expect(load).toHaveBeenCalledTimes(2);
    expect(watch.watched.map((w) => w.target)).toEqual([video]);
    widget.destroy();
    expect(watch.watched[0]!.stopped).toBe(true);
  });
});

describe('resolveLocale', () => {
  it('reads Simplified and Traditional Chinese, Japanese and Korean tags, and falls back to English', () => {
    expect(['zh', 'zh-CN', 'zh-Hans-SG'].map(resolveLocale)).toEqual(['zh-CN', 'zh-CN', 'zh-CN']);
    expect(['zh-TW', 'zh-HK', 'zh-Hant', 'zh-Hant-MO'].map(resolveLocale)).toEqual([
      'zh-TW',
      'zh-TW',
      'zh-TW',
      'zh-TW',
    ]);
    expect(['ja-JP', 'ko', 'ko-KR'].map(resolveLocale)).toEqual(['ja', 'ko', 'ko']);
    expect(['en-US', 'fr', undefined].map(resolveLocale)).toEqual(['en', 'en', 'en']);
  });
});

describe('prefetch: what help needs offline, loaded when the page is idle', () => {
  const idle = () => vi.advanceTimersByTimeAsync(3000);
  afterEach(() => vi.useRealTimers());

  it('loads the panel module and runs its prefetch when the page is idle and at each open, never at mount', async () => {
    vi.useFakeTimers();
    const panel = fakePanel();
    const widget = createWidget(kefu(), { prefetch: true }, panel.load);
    expect(panel.load).not.toHaveBeenCalled();
    await idle();
    expect(panel.load).toHaveBeenCalledTimes(1);
    expect(panel.calls).toEqual(['prefetch:zh-CN']);
    // No panel is drawn by a prefetch: no host element until the user opens help.
    expect(document.querySelector('[data-kefu-widget]')).toBeNull();
    vi.useRealTimers();
    await widget.open();
    await widget.open('ticket');
    // Each open asks again (prefetchPanel itself runs once a page): one module load per ask.
    expect(panel.calls).toEqual([
      'prefetch:zh-CN',
      'prefetch:zh-CN',
      'show:home',
      'prefetch:zh-CN',
      'show:ticket',
    ]);
    widget.destroy();
  });

  it('loads nothing before the first open without the option, idle or not', async () => {
    vi.useFakeTimers();
    const panel = fakePanel();
    const client = kefu();
    const before = vi.getTimerCount();
    const widget = createWidget(client, {}, panel.load);
    expect(vi.getTimerCount()).toBe(before);
    await idle();
    expect(panel.load).not.toHaveBeenCalled();
    vi.useRealTimers();
    await widget.open();
    expect(panel.calls).toEqual(['show:home']);
    widget.destroy();
  });

  it('tries again at the next open after a prefetch that could not load, and not after destroy', async () => {
    vi.useFakeTimers();
    const panel = fakePanel();
    const load = vi.fn().mockRejectedValueOnce(new Error('offline')).mockImplementation(panel.load);
    const widget = createWidget(kefu(), { prefetch: true }, load);
    await idle();
    expect(load).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
    await widget.open();
    // The open's module load settles first, so its prefetch is under way before the panel shows.
    await vi.waitFor(() => expect(panel.calls).toEqual(['prefetch:zh-CN', 'show:home']));
    widget.destroy();
    vi.useFakeTimers();
    const gone = fakePanel();
    createWidget(kefu(), { prefetch: true }, gone.load).destroy();
    await idle();
    expect(gone.load).not.toHaveBeenCalled();
  });
});
