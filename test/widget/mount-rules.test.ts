import { afterEach, describe, expect, it, vi } from 'vitest';
import { createKefu, isKefuError } from 'kefu';
import { mountWidget, WIDGET_VIEWS, type WidgetView } from 'kefu/widget';
import { createWidget } from '../../src/widget/create-widget';
import type { PanelModule } from '../../src/widget/panel-contract';
import { panelModule } from '../helpers/panel-module';

const kefu = () =>
  createKefu({ endpoint: 'https://support.example.com/api', appId: 'mount-rules', locale: 'en' });

function fakePanel() {
  const shown: string[] = [];
  const load = vi.fn(
    async (): Promise<PanelModule> =>
      panelModule(async () => {
        return {
          show: (view) => shown.push(view),
          setLocale: () => {},
          setPage: () => {},
          unmount: () => {},
        };
      }),
  );
  return { load, shown };
}

const launchers = () => document.querySelectorAll('[data-kefu-launcher]').length;
const thrown = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error('did not throw');
};

afterEach(() => {
  document.body.replaceChildren();
});

describe('mountWidget rules', () => {
  it('refuses a second widget on the same client, naming the fix, and keeps one launcher', () => {
    const client = kefu();
    const first = mountWidget(client);
    const error = thrown(() => mountWidget(client));
    expect(isKefuError(error, 'invalid_config')).toBe(true);
    expect((error as Error).message).toMatch(/already has a widget.*destroy\(\)/);
    expect(launchers()).toBe(1);
    first.destroy();
    expect(launchers()).toBe(0);
    // Destroyed, the client may mount again (React's strict-mode effects do exactly this).
    const second = mountWidget(client);
    expect(launchers()).toBe(1);
    second.destroy();
    client.destroy();
  });

  it('mounts one widget per client: two clients, two launchers', () => {
    const a = mountWidget(kefu());
    const b = mountWidget(kefu());
    expect(launchers()).toBe(2);
    a.destroy();
    b.destroy();
  });

  it('refuses a destroyed client with a destroyed error and mounts nothing', () => {
    const client = kefu();
    client.destroy();
    const error = thrown(() => mountWidget(client));
    expect(isKefuError(error, 'destroyed')).toBe(true);
    expect(launchers()).toBe(0);
  });

  it('rejects open() of a view that does not exist, listing the views, and shows nothing', async () => {
    const panel = fakePanel();
    const client = kefu();
    const widget = createWidget(client, {}, panel.load);
    const error = await widget.open('nope' as WidgetView).catch((e: unknown) => e);
    expect(isKefuError(error, 'invalid_input')).toBe(true);
    expect((error as Error).message).toBe(
      'widget.open: there is no view "nope"; use one of home, article, ticket, check, feedback, mine, contact, chat.',
    );
    expect(panel.load).not.toHaveBeenCalled();
    await widget.open('ticket');
    expect(panel.shown).toEqual(['ticket']);
    widget.destroy();
    client.destroy();
  });

  it('accepts every view WIDGET_VIEWS lists', async () => {
    const panel = fakePanel();
    const client = kefu();
    const widget = createWidget(client, {}, panel.load);
    for (const view of WIDGET_VIEWS) await widget.open(view);
    expect(panel.shown).toEqual([...WIDGET_VIEWS]);
    widget.destroy();
    client.destroy();
  });
});
