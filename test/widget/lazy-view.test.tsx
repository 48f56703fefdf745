import { signal } from '@preact/signals-core';
import { render } from 'preact';
import { afterEach, describe, expect, it, vi } from 'vitest';

// A view chunk whose code arrives when the test says, each download a new view function (as a
// real `import().then(...)` gives), and whose words arrive at once.
const downloads: Array<(ok: boolean) => void> = [];
// The view draws as `form N` (N its download), or throws while `broken`.
const drawing = { broken: false };
function Form({ n }: { n: number }) {
  if (drawing.broken) throw new Error('view bug');
  return <h3 tabIndex={-1}>form {n}</h3>;
}
vi.mock('../../src/widget/panel/view-chunks', () => ({
  VIEW_CHUNKS: {
    ticket: {
      words: ['ticket'],
      load: () =>
        new Promise((resolve, reject) =>
          downloads.push((ok) =>
            ok ? resolve(() => <Form n={downloads.length} />) : reject(new Error('offline')),
          ),
        ),
    },
  },
}));

let host: HTMLElement | undefined;
afterEach(() => {
  if (host) render(null, host);
  host?.remove();
  host = undefined;
  downloads.length = 0;
  drawing.broken = false;
});

// Preact runs effects after the next frame.
const tick = () => new Promise((r) => setTimeout(r, 50));

async function mountTicketView() {
  // A fresh module each time: what a page has downloaded stays for the page's life.
  vi.resetModules();
  const { LazyView } = await import('../../src/widget/panel/lazy-view');
  let words = false;
  const t = signal({ loading: 'Loading…', loadFailed: 'Could not load.', retry: 'Retry' });
  const state = {
    t,
    hasWords: () => words,
    loadWords: async () => {
      words = true;
      t.value = { ...t.value };
    },
  };
  const shown = vi.fn();
  host = document.createElement('div');
  document.body.append(host);
  render(
    <LazyView state={state as never} route={{ view: 'ticket', seq: 1 } as never} onShown={shown} />,
    host,
  );
  return { shown, host };
}

describe('LazyView', () => {
  it('downloads a view once and shows it once when its words arrive before its code', async () => {
    const { shown, host } = await mountTicketView();
    await tick();
    expect(host.textContent).toBe('Loading…');
    // The words arrived and re-rendered the view while its code was still on the way.
    expect(downloads.length).toBe(1);
    downloads[0]!(true);
    await tick();
    await tick();
    expect(host.textContent).toBe('form 1');
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('says the download failed, and downloads again on retry', async () => {
    const { shown, host } = await mountTicketView();
    await tick();
    downloads[0]!(false);
    await tick();
    await tick();
    expect(host.textContent).toBe('Could not load. Retry');
    expect(shown).not.toHaveBeenCalled();
    host.querySelector('button')!.click();
    await tick();
    expect(downloads.length).toBe(2);
    downloads[1]!(true);
    await tick();
    await tick();
    expect(host.textContent).toBe('form 2');
    expect(shown).toHaveBeenCalledTimes(1);
  });

  it('says a view that fails while drawing failed, and draws it again on retry', async () => {
    drawing.broken = true;
    const { host } = await mountTicketView();
    await tick();
    downloads[0]!(true);
    await tick();
    await tick();
    expect(host.textContent).toBe('Could not load. Retry');
    drawing.broken = false;
    host.querySelector('button')!.click();
    await tick();
    expect(host.textContent).toBe('form 1');
    // Drawn again from the download the page has: nothing downloaded twice.
    expect(downloads.length).toBe(1);
  });
});
