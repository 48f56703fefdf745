import { html, type SafeHtml } from './html';
import { plainDiagnostics } from './plain-diagnostics';
import { renderValue } from './render-value';

/**
 * Diagnostics as an agent reads them: the plain-words summary first, the full snapshot folded
 * below it (still escaped text; URLs in it never become links).
 */
export function renderPlain(diagnostics: unknown): SafeHtml {
  if (diagnostics === undefined || diagnostics === null)
    return html`<p class="muted">None sent (the user did not consent, or the app sends none).</p>`;
  const lines = plainDiagnostics(diagnostics);
  const summary = lines.length
    ? html`<dl class="plain">${lines.map((l) => html`<dt>${l.label}</dt><dd class="${l.severity ? `finding ${l.severity}` : ''}">${l.text}</dd>`)}</dl>`
    : html`<p class="muted">Nothing recognisable in the snapshot; see every field below.</p>`;
  return html`${summary}<details><summary>Every field</summary>${renderValue(diagnostics)}</details>`;
}
