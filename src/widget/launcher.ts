/** The floating launcher: plain DOM, so the app pays no UI framework until the panel is opened. */
export interface Launcher {
  setLabel(text: string): void;
  setExpanded(open: boolean): void;
  /** Hides or shows the button; hidden, it is out of the page's layout and the focus order. */
  setHidden(hidden: boolean): void;
  remove(): void;
}

// Colours from custom properties with fallbacks that pass 4.5:1 (white on #0b57d0 is 6.9:1).
const CSS = `:host{all:initial;position:fixed;bottom:max(16px,env(safe-area-inset-bottom));z-index:2147483000}
button{all:unset;box-sizing:border-box;display:flex;align-items:center;gap:8px;min-height:48px;min-width:48px;padding:0 18px;border-radius:24px;cursor:pointer;
font:600 16px/1.2 system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC",sans-serif;color:#fff;background:var(--kefu-brand,#0b57d0);box-shadow:0 4px 14px rgba(0,0,0,.3)}
button:focus-visible{outline:3px solid var(--kefu-brand,#0b57d0);outline-offset:3px;box-shadow:0 0 0 3px #fff}
span[aria-hidden]{font-size:20px}
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
  button.append(icon, label);
  button.addEventListener('click', options.onClick);
  root.append(style, button);
  // Kefu.init may run from a script in <head>, before there is a body to put the launcher in.
  const attach = () => document.body.append(host);
  if (document.body) attach();
  else document.addEventListener('DOMContentLoaded', attach, { once: true });
  return {
    setLabel: (text) => void (label.textContent = text),
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
