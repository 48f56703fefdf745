/** The floating launcher: plain DOM, so the app pays no UI framework until the panel is opened. */
export interface Launcher {
  setLabel(text: string): void;
  setExpanded(open: boolean): void;
  /** Hides or shows the button; hidden, it is out of the page's layout and the focus order. */
  setHidden(hidden: boolean): void;
  /** Shows the number of unread agent messages (nothing at 0), with its words for screen readers. */
  setUnread(count: number, words: string): void;
  remove(): void;
}

// Colours from custom properties with fallbacks that pass 4.5:1 (white on #0b57d0 is 6.9:1).
const CSS = `:host{all:initial;position:fixed;bottom:max(16px,env(safe-area-inset-bottom));z-index:2147483000}
button{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:8px;min-height:48px;min-width:48px;padding:0 18px;border-radius:24px;cursor:pointer;
font:600 16px/1.2 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#fff;background:var(--kefu-brand,#0b57d0);box-shadow:0 4px 14px rgba(0,0,0,.3)}
button:focus-visible{outline:3px solid var(--kefu-brand,#0b57d0);outline-offset:3px;box-shadow:0 0 0 3px #fff}
span[aria-hidden]{font-size:20px}
b{min-width:22px;height:22px;padding:0 6px;border-radius:11px;background:#b3261e;color:#fff;font:700 14px/22px system-ui,sans-serif;text-align:center}
b:empty{display:none}
@media (forced-colors:active){button{border:2px solid ButtonText}}`;

/**
 * Adds the launcher button in its own shadow root (the page's CSS cannot reach it), its styles in
 * a `<style>` carrying the CSP nonce.
 */
export function createLauncher(options: {
  label: string;
  position: 'left' | 'right';
  nonce?: string;
  brandColor?: string;
  onClick: () => void;
}): Launcher {
  const host = document.createElement('div');
  host.setAttribute('data-kefu-launcher', '');
  // CSSOM writes are not inline style attributes, so a strict style-src allows them.
  host.style.setProperty(
    options.position,
    'max(16px, env(safe-area-inset-' + options.position + '))',
  );
  if (options.brandColor) host.style.setProperty('--kefu-brand', options.brandColor);
  const root = host.attachShadow({ mode: 'open' });
  const style = document.createElement('style');
  if (options.nonce) style.nonce = options.nonce;
  style.textContent = CSS;
  const button = document.createElement('button');
  button.type = 'button';
  button.setAttribute('aria-haspopup', 'dialog');
  button.setAttribute('aria-expanded', 'false');
  const icon = document.createElement('span');
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = '?';
  const label = document.createElement('span');
  label.textContent = options.label;
  // A change of label (the panel could not be loaded) is announced.
  label.setAttribute('aria-live', 'polite');
  // The count is drawn for the eye; its words are in the label, so a screen reader hears them.
  const badge = document.createElement('b');
  badge.setAttribute('aria-hidden', 'true');
  let text = options.label;
  let unread = '';
  const name = () =>
    unread
      ? button.setAttribute('aria-label', `${text}, ${unread}`)
      : button.removeAttribute('aria-label');
  button.append(icon, label, badge);
  button.addEventListener('click', options.onClick);
  root.append(style, button);
  // Kefu.init may run from a script in <head>, before there is a body to put the launcher in.
  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
  return {
    setLabel(next) {
      label.textContent = text = next;
      name();
    },
    setUnread(count, words) {
      badge.textContent = count > 0 ? (count > 99 ? '99+' : String(count)) : '';
      unread = count > 0 ? words : '';
      name();
    },
    setExpanded: (open) => button.setAttribute('aria-expanded', String(open)),
    // An inline display beats the shadow root's `:host{all:initial}`, which a `hidden` attribute
    // on the host would lose to (author styles override the browser's `[hidden]` rule).
    setHidden: (hidden) =>
      hidden ? host.style.setProperty('display', 'none') : host.style.removeProperty('display'),
    remove: () => {
      document.removeEventListener('DOMContentLoaded', attach);
      host.remove();
    },
  };
}
