import { html, type SafeHtml } from './html';

/**
 * The console's Content-Security-Policy: scripts and styles only from the console's own files
 * (no inline script or style, no eval), fetches and event streams only back to this server, forms
 * only to this server. Even if escaping missed something, nothing planted could run.
 */
export const CONSOLE_CSP = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "base-uri 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Headers of every console page. */
export const CONSOLE_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': CONSOLE_CSP,
  'X-Content-Type-Options': 'nosniff',
  // same-origin, not no-referrer: with no-referrer Chromium posts forms with `Origin: null`, which
  // the origin check must refuse. Other sites still get no referrer (ticket ids stay here).
  'Referrer-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
  'Cache-Control': 'no-store',
};

/** The signed-in agent as the page header shows them, with the CSRF token of their forms. */
export interface PageAgent {
  name: string;
  csrf: string;
  /** On duty (answers conversations, counts in queue estimates) or away. */
  presence?: 'on-duty' | 'away';
}

/** The token field every form of a signed-in page carries. */
export const csrfField = (agent: PageAgent | undefined): SafeHtml =>
  agent ? html`<input type="hidden" name="csrf" value="${agent.csrf}">` : html``;

function presenceForm(agent: PageAgent): SafeHtml {
  const onDuty = agent.presence === 'on-duty';
  const next = onDuty ? 'away' : 'on-duty';
  return html`<form method="post" action="/inbox/presence" class="presence">${csrfField(agent)}
<input type="hidden" name="state" value="${next}">
<span class="presence-state ${onDuty ? 'on' : 'off'}" data-presence="${agent.presence ?? 'away'}">${onDuty ? 'On duty' : 'Away'}</span>
<button type="submit">${onDuty ? 'Go away' : 'Go on duty'}</button></form>`;
}

function agentBar(agent: PageAgent | undefined): SafeHtml {
  if (!agent) return html``;
  return html`<nav class="agent" aria-label="Agent"><a href="/inbox/insights">What users searched</a>${presenceForm(agent)}<span>${agent.name}</span>
<form method="post" action="/inbox/agents/invite">${csrfField(agent)}<button type="submit">Invite an agent</button></form>
<form method="post" action="/inbox/logout">${csrfField(agent)}<button type="submit">Sign out</button></form></nav>`;
}

/**
 * Wraps a page's body in the console document; with `agent`, the header shows who is signed in
 * and the page loads the console's script (live updates), which only enhances: every form works
 * without it.
 */
export function layout(title: string, body: SafeHtml, agent?: PageAgent): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · kefu console</title>
<link rel="stylesheet" href="/inbox/console.css">
${agent ? html`<script src="/inbox/console.js" defer></script>` : ''}
</head>
<body>
<header><a href="/inbox">kefu console</a>${agentBar(agent)}</header>
<main>${body}</main>
</body>
</html>`.value;
}
