import { html, type SafeHtml } from './html';

const MAX_DEPTH = 6;
const MAX_ITEMS = 200;

/**
 * Renders an untrusted JSON value (diagnostics, custom fields) as nested definition lists. Keys
 * and values are escaped like any other text, and URLs stay text: nothing a user sent ever
 * becomes a link, so a `javascript:` URL is inert.
 */
export function renderValue(value: unknown, depth = 0): SafeHtml {
  if (value === null || value === undefined) return html`<span class="muted">–</span>`;
  if (typeof value !== 'object') return html`<span>${String(value)}</span>`;
  if (depth >= MAX_DEPTH) return html`<span class="muted">(nested too deep)</span>`;
  if (Array.isArray(value)) {
    if (!value.length) return html`<span class="muted">(none)</span>`;
    return html`<ol>${value.slice(0, MAX_ITEMS).map((item) => html`<li>${renderValue(item, depth + 1)}</li>`)}</ol>`;
  }
  const entries = Object.entries(value).slice(0, MAX_ITEMS);
  if (!entries.length) return html`<span class="muted">(empty)</span>`;
  return html`<dl>${entries.map(([key, item]) => html`<dt>${key}</dt><dd>${renderValue(item, depth + 1)}</dd>`)}</dl>`;
}
