import type { FaqArticle } from '../../../src/protocol';
import type { LearningReport } from '../../../src/relay';
import { html, type SafeHtml } from '../console/html';
import { csrfField, layout, type PageAgent } from '../console/layout';

/** What the page says after an agent's action (from the `done` query parameter). */
export const NOTICES: Record<string, string> = {
  accepted: 'Added: the FAQ served to users now has this similar question.',
  duplicate: 'The article already had that question; nothing changed.',
  dismissed: 'Dismissed: that search is no longer proposed.',
};

const when = (iso: string) => iso.slice(0, 16).replace('T', ' ');

function localeLinks(locales: readonly string[], current: string): SafeHtml {
  return html`<nav class="locales" aria-label="Language">${locales.map((l) =>
    l === current
      ? html`<strong aria-current="page">${l}</strong> `
      : html`<a href="/inbox/insights?locale=${encodeURIComponent(l)}">${l}</a> `,
  )}</nav>`;
}

function unanswered(report: LearningReport): SafeHtml {
  if (report.unanswered.length === 0)
    return html`<p class="muted">No search has gone unanswered yet.</p>`;
  return html`<table><thead><tr><th scope="col">Search</th><th scope="col">No answer</th><th scope="col">Weak answer</th><th scope="col">Last</th></tr></thead><tbody>${report.unanswered.map(
    (u) =>
      html`<tr><td class="query">${u.query}</td><td>${u.unanswered}</td><td>${u.weak}</td><td>${when(u.lastAt)}</td></tr>`,
  )}</tbody></table>`;
}

function contacted(report: LearningReport, byId: Map<string, FaqArticle>): SafeHtml {
  if (report.contacted.length === 0)
    return html`<p class="muted">No search has ended in contacting support yet.</p>`;
  return html`<table><thead><tr><th scope="col">Search</th><th scope="col">Contacts</th><th scope="col">Articles read first</th><th scope="col">Last</th></tr></thead><tbody>${report.contacted.map(
    (c) =>
      html`<tr><td class="query">${c.query}</td><td>${c.contacted}</td><td>${
        c.articleIds.length
          ? c.articleIds.map(
              (id) => html`<span class="article">${byId.get(id)?.title ?? id}</span> `,
            )
          : html`<span class="muted">none</span>`
      }</td><td>${when(c.lastAt)}</td></tr>`,
  )}</tbody></table>`;
}

function proposals(report: LearningReport, agent: PageAgent): SafeHtml {
  if (report.proposals.length === 0)
    return html`<p class="muted">No proposals: no search has yet led users to an article that helped them, beyond what the articles already say.</p>`;
  return html`${report.proposals.map(
    ({
      article,
      questions,
    }) => html`<article class="proposal"><h3>${article.title} <span class="muted">${article.id}</span></h3>
<table><thead><tr><th scope="col">Users searched</th><th scope="col">Helped</th><th scope="col">Not helped</th><th scope="col">Opened</th><th scope="col">Action</th></tr></thead><tbody>${questions.map(
      (
        q,
      ) => html`<tr><td class="query">${q.query}</td><td>${q.helpful}</td><td>${q.unhelpful}</td><td>${q.opened}</td><td>
<form method="post" action="/inbox/insights/accept">${csrfField(agent)}<input type="hidden" name="locale" value="${report.locale}"><input type="hidden" name="articleId" value="${article.id}"><input type="hidden" name="query" value="${q.query}"><label>Similar question <input name="question" value="${q.query}" maxlength="80" required></label> <button type="submit">Accept</button></form>
<form method="post" action="/inbox/insights/dismiss">${csrfField(agent)}<input type="hidden" name="locale" value="${report.locale}"><input type="hidden" name="articleId" value="${article.id}"><input type="hidden" name="query" value="${q.query}"><button type="submit">Dismiss</button></form></td></tr>`,
    )}</tbody></table></article>`,
  )}`;
}

/**
 * The "what users searched" page: searches the FAQ did not answer, searches after which users
 * contacted support, and the similar questions to accept per article. Every query is user text
 * and is escaped; the page runs no script (the console's CSP).
 */
export function renderInsights(input: {
  report: LearningReport;
  articles: readonly FaqArticle[];
  locales: readonly string[];
  notice?: string;
  agent: PageAgent;
}): string {
  const { report, agent } = input;
  const byId = new Map(input.articles.map((a) => [a.id, a]));
  const notice = input.notice ? html`<p class="status" role="status">${input.notice}</p>` : html``;
  return layout(
    'What users searched',
    html`<section><h1>What users searched</h1>${localeLinks(input.locales, report.locale)}${notice}
<p class="muted">Counts of anonymous searches (no user, no address), from the widget's events; users who turned events off are not counted.</p></section>
<section><h2>Searches with no good answer</h2>${unanswered(report)}</section>
<section><h2>Searches that ended in contacting support</h2>${contacted(report, byId)}</section>
<section><h2>Proposed similar questions</h2><p class="muted">Users who searched these opened the article and said it helped. Accept one (edit it first if you like) and the FAQ served to users lists it among the article's questions, so search finds the article for it.</p>${proposals(report, agent)}</section>`,
    agent,
  );
}
