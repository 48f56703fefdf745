import { afterEach, describe, expect, it } from 'vitest';
import { enableDpad } from '../../src/widget/panel/dpad';

let host: HTMLElement | undefined;
afterEach(() => host?.remove());

/** Places `el` on screen at `top` (px), `left` to `right`, 40 px high, as a layout would. */
function place(el: HTMLElement, top: number, left = 0, right = 600) {
  el.getBoundingClientRect = () =>
    ({ top, bottom: top + 40, left, right, width: right - left, height: 40 }) as DOMRect;
  return el;
}

/**
 * A panel in a shadow root: a header with Back at the top, and a scrolled body whose order field
 * has gone up under the header (its centre above Back's), above two radios.
 */
function panel() {
  host = document.createElement('div');
  document.body.append(host);
  const root = host.attachShadow({ mode: 'open' });
  const dialog = document.createElement('dialog');
  root.append(dialog);
  dialog.innerHTML = `
    <div class="head"><button id="back">←</button></div>
    <div class="body"><input id="email"><input id="order"><input type="radio" id="refund"
      name="issue"><input type="radio" id="renewal" name="issue"></div>`;
  const byId = (id: string) => root.getElementById(id) as HTMLElement;
  place(byId('back'), 20, 0, 40);
  place(byId('email'), -80);
  place(byId('order'), -10);
  place(byId('refund'), 300, 0, 20);
  place(byId('renewal'), 360, 0, 20);
  enableDpad(dialog, () => true);
  const press = (key: string) => {
    (root.activeElement as HTMLElement).dispatchEvent(
      new KeyboardEvent('keydown', { key, bubbles: true, composed: true }),
    );
    return (root.activeElement as HTMLElement | null)?.id;
  };
  return { byId, press };
}

describe('the TV remote in the panel', () => {
  it('moves Up through the body to a field scrolled under the header before reaching Back', () => {
    const { byId, press } = panel();
    byId('renewal').focus();
    expect([press('ArrowUp'), press('ArrowUp'), press('ArrowUp')]).toEqual([
      'refund',
      'order',
      'email',
    ]);
    // Scrolled into view below the header, the body's first field goes Up to Back.
    place(byId('email'), 70);
    place(byId('order'), 130);
    expect(press('ArrowUp')).toBe('back');
  });

  it('moves Down from Back into the body, and never checks a radio on the way', () => {
    const { byId, press } = panel();
    byId('back').focus();
    expect(press('ArrowDown')).toBe('refund');
    expect(press('ArrowDown')).toBe('renewal');
    expect((byId('refund') as HTMLInputElement).checked).toBe(false);
    expect((byId('renewal') as HTMLInputElement).checked).toBe(false);
  });
});
