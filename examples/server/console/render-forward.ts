import type { ForwardStatus } from '../../../src/relay';
import { html, type SafeHtml } from './html';

const refsOf = (status: ForwardStatus) =>
  // Notes a connector keeps for itself ("chatwoot.contact", "rt.reply.33") are not helpdesk ids.
  Object.entries(status.refs)
    .filter(([name]) => !name.includes('.'))
    .map(([name, ref]) => `${name} ${ref}`)
    .join(', ');

/** One cell of the ticket list: where the ticket stands on its way to the helpdesk. */
export function forwardSummary(status: ForwardStatus | undefined): SafeHtml | string {
  if (!status) return '';
  if (status.state === 'done')
    return html`<span class="forward-done">${refsOf(status) || 'sent'}</span>`;
  if (status.state === 'parked')
    return html`<strong class="forward-parked" title="${status.lastError ?? ''}">parked</strong>`;
  return html`<span class="forward-pending" title="${status.lastError ?? ''}">queued${status.attempts ? ` (${status.attempts} tries)` : ''}</span>`;
}

/**
 * The ticket page's helpdesk section: delivered (with the helpdesk's id), queued (with the last
 * failure, so an agent sees why it is late), or parked (with the helpdesk's reason, which needs
 * a person: a retry would be refused the same way).
 */
export function renderForward(status: ForwardStatus | undefined): SafeHtml | string {
  if (!status) return '';
  const state =
    status.state === 'done'
      ? html`<p>Delivered: <span class="forward-done">${refsOf(status) || 'sent'}</span></p>`
      : status.state === 'parked'
        ? html`<p><strong class="forward-parked">Parked</strong> after ${status.attempts} attempt(s): the helpdesk refused it, and retrying will not help.</p>`
        : html`<p><span class="forward-pending">Queued</span>, ${status.attempts} attempt(s) so far.</p>`;
  const reason = status.lastError
    ? html`<p class="muted">Last error: <code>${status.lastError}</code></p>`
    : '';
  return html`<section><h2>Helpdesk</h2>${state}${reason}</section>`;
}
