import { html, type SafeHtml } from './html';

/**
 * The inbox's Content-Security-Policy: no script at all, styles only from the inbox's own sheet,
 * forms only back to this server. Even if escaping missed something, nothing could run.
 */
export const INBOX_CSP =
  "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

/** Headers of every inbox page. */
export const INBOX_HEADERS = {
  'Content-Type': 'text/html; charset=utf-8',
  'Content-Security-Policy': INBOX_CSP,
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
}

/** The token field every form of a signed-in page carries. */
export const csrfField = (agent: PageAgent | undefined): SafeHtml =>
  agent ? html`<input type="hidden" name="csrf" value="${agent.csrf}">` : html``;

function agentBar(agent: PageAgent | undefined): SafeHtml {
  if (!agent) return html``;
  return html`<span class="agent"><a href="/inbox/insights">What users searched</a> ${agent.name}
<form method="post" action="/inbox/agents/invite">${csrfField(agent)}<button type="submit">Invite an agent</button></form>
<form method="post" action="/inbox/logout">${csrfField(agent)}<button type="submit">Sign out</button></form></span>`;
}

/** Wraps a page's body in the inbox document; with `agent`, the header shows who is signed in. */
export function layout(title: string, body: SafeHtml, agent?: PageAgent): string {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · kefu inbox</title>
<link rel="stylesheet" href="/inbox/inbox.css">
</head>
<body>
<header><a href="/inbox">kefu inbox</a>${agentBar(agent)}</header>
<main>${body}</main>
</body>
</html>`.value;
}

/** The inbox stylesheet (served as a file, since the CSP allows no inline style). */
export const INBOX_CSS = `
body { font: 14px/1.5 system-ui, sans-serif; margin: 0; color: #1d2129; background: #f5f6f7; }
header { background: #1d2129; padding: 10px 20px; display: flex; justify-content: space-between; align-items: center; } header a { color: #fff; font-weight: 600; text-decoration: none; }
header .agent { color: #fff; display: flex; gap: 8px; align-items: center; } header form { margin: 0; }
.auth { max-width: 380px; margin: 40px auto; } .auth label { display: block; margin: 10px 0; } .auth input { display: block; width: 100%; box-sizing: border-box; padding: 6px; }
.error { color: #cb2634; } .invite { word-break: break-all; font-family: monospace; }
main { max-width: 1100px; margin: 0 auto; padding: 20px; }
section { background: #fff; border-radius: 8px; padding: 16px 20px; margin-bottom: 16px; }
table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 6px 8px; border-bottom: 1px solid #e5e6eb; vertical-align: top; }
dl { margin: 0; display: grid; grid-template-columns: max-content 1fr; gap: 2px 12px; } dt { color: #4e5969; } dd { margin: 0; word-break: break-word; }
ol { margin: 0; padding-left: 18px; }
.muted { color: #86909c; } .status { padding: 1px 8px; border-radius: 10px; background: #e8f3ff; }
.thread li { margin-bottom: 8px; } .from-agent { color: #165dff; }
textarea { width: 100%; min-height: 80px; } form { margin-top: 8px; }
.query { word-break: break-word; } .proposal form { display: inline-block; margin: 2px 4px 2px 0; } .locales { display: flex; gap: 12px; }
`;
