import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu } from '../../src/client';
import { isKefuError } from '../../src/errors';
import { createWidget } from '../../src/widget/create-widget';
import type { PanelModule } from '../../src/widget/panel-contract';
import { panelModule } from '../helpers/panel-module';
import type { WidgetOptions } from '../../src/widget/types';

// The handle's runtime controls: open/close listeners, the launcher shown and hidden, the page.
function fakePanel() {
  const calls: string[] = [];
  const load = vi.fn(
    async (): Promise<PanelModule> =>
      panelModule(async () => {
        return {
          show: (view, prefill) =>
            calls.push(`show:${view}${prefill ? JSON.stringify(prefill) : ''}`),
          setLocale: () => {},
          setPage: (page) => calls.push(`page:${JSON.stringify(page)}`),
          unmount: () => {},
        };
      }),
  );
  return { load, calls };
}

const mount = (options: WidgetOptions = {}) => {
  const panel = fakePanel();
  const kefu = createKefu({ endpoint: 'https://support.example.com/api', appId: 'handle' });
  return { widget: createWidget(kefu, options, panel.load), calls: panel.calls };
};
const launcherHost = () => document.querySelector<HTMLElement>('[data-kefu-launcher]');
const dialog = () =>
  document.querySelector('[data-kefu-widget]')!.shadowRoot!.querySelector('dialog')!;
// happy-dom dispatches a dialog's `close` event as browsers do: after close(), as a task.
const closed = () => new Promise((resolve) => setTimeout(resolve, 0));

afterEach(() => document.body.replaceChildren());

describe('open and close listeners', () => {
  it('calls the option and every handle listener once per opening and closing, in order', async () => {
    const seen: string[] = [];
    const { widget } = mount({
      onOpen: ({ view }) => seen.push(`option open ${view}`),
      onClose: () => seen.push('option close'),
    });
    const stop = widget.onOpen(({ view }) => seen.push(`handle open ${view}`));
    widget.onClose(() => seen.push('handle close'));
    await widget.open('ticket');
    // Already open: showing another view is not an opening.
    await widget.open('mine');
    widget.close();
    await closed();
    stop();
    await widget.open('home');
    expect(seen).toEqual([
      'option open ticket',
      'handle open ticket',
      'option close',
      'handle close',
      'option open home',
    ]);
    widget.destroy();
  });

  it('keeps calling the other listeners and opens the panel when one throws', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout'] });
    const seen: string[] = [];
    const { widget } = mount();
    widget.onOpen(() => {
      throw new Error('app bug 7f3a');
    });
    widget.onOpen(() => seen.push('second'));
    await widget.open();
    expect(seen).toEqual(['second']);
    expect(dialog().open).toBe(true);
    // The app's error is rethrown outside kefu's call, where the console shows it.
    expect(() => vi.runOnlyPendingTimers()).toThrow('app bug 7f3a');
    vi.useRealTimers();
    widget.destroy();
  });
});

describe('the launcher at runtime', () => {
  it('hides and shows the launcher, which still opens the panel afterwards', async () => {
    const { widget, calls } = mount();
    widget.hideLauncher();
    expect(launcherHost()!.style.display).toBe('none');
    widget.showLauncher();
    expect(launcherHost()!.style.display).toBe('');
    launcherHost()!.shadowRoot!.querySelector('button')!.click();
    await vi.waitFor(() => expect(calls).toContain('show:home'));
    expect(document.querySelectorAll('[data-kefu-launcher]')).toHaveLength(1);
    widget.destroy();
  });

  it('makes the launcher on showLauncher when mounted with launcher: false, once', () => {
    const { widget } = mount({ launcher: false });
    widget.hideLauncher();
    expect(launcherHost()).toBeNull();
    widget.showLauncher();
    widget.showLauncher();
    expect(document.querySelectorAll('[data-kefu-launcher]')).toHaveLength(1);
    widget.destroy();
    expect(launcherHost()).toBeNull();
    widget.showLauncher();
    expect(launcherHost()).toBeNull();
  });
});

describe('the page the user is on', () => {
  it('hands the panel the page at every open and when it changes while open', async () => {
    const { widget, calls } = mount({ page: { tags: ['vip'] } });
    await widget.open();
    widget.setPage({ tags: ['subtitles'], category: 'playback' });
    await vi.waitFor(() => expect(calls.length).toBe(3));
    widget.setPage(undefined);
    await vi.waitFor(() => expect(calls.length).toBe(4));
    expect(calls).toEqual([
      'page:{"tags":["vip"]}',
      'show:home',
      'page:{"tags":["subtitles"],"category":"playback"}',
      'page:{"tags":["vip"]}',
    ]);
    widget.destroy();
  });

  it('reads a page function with the current URL at each open', async () => {
    const urls: string[] = [];
    const { widget, calls } = mount({
      page: (url) => {
        urls.push(url.pathname);
        return url.pathname === '/vip' ? { category: 'membership' } : undefined;
      },
    });
    history.replaceState(null, '', '/vip');
    await widget.open();
    widget.close();
    history.replaceState(null, '', '/watch/42');
    await widget.open();
    expect(urls).toEqual(['/vip', '/watch/42']);
    expect(calls.filter((c) => c.startsWith('page:'))).toEqual([
      'page:{"category":"membership"}',
      'page:undefined',
    ]);
    widget.destroy();
  });

  it('opens on a search with the query handed to the panel', async () => {
    const { widget, calls } = mount();
    await widget.open('home', { query: '字幕不同步' });
    expect(calls).toEqual(['page:undefined', 'show:home{"query":"字幕不同步"}']);
    widget.destroy();
  });

  it('refuses a page of the wrong shape with invalid_input that shows the right one', () => {
    const { widget } = mount();
    for (const wrong of [{ tags: 'subtitles' }, { tags: [1] }, { category: 3 }, 'playback', null]) {
      let caught: unknown;
      try {
        widget.setPage(wrong as never);
      } catch (error) {
        caught = error;
      }
      expect(isKefuError(caught, 'invalid_input'), JSON.stringify(wrong)).toBe(true);
      expect((caught as Error).message).toContain(
        'setPage takes { tags?: string[], category?: string }',
      );
    }
    expect(() => widget.setPage({ tags: [], category: 'playback' })).not.toThrow();
    widget.destroy();
  });
});
