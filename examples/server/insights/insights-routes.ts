import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FaqArticle } from '../../../src/protocol';
import {
  type LearningStore,
  learningReport,
  normalizeQuery,
  type RelayStore,
} from '../../../src/relay';
import { normalizeLocale } from '../../../src/relay/learning';
import type { ConsoleAuth } from '../console-auth';
import { readForm } from '../console-auth/form';
import { loadPresence, pageAgent } from '../console/page-agent';
import { messagePage, notFound, onlyGet, onlyPost, page } from '../console/respond';
import { NOTICES, renderInsights } from './render-insights';

/** What the insights page reads and writes. */
export interface InsightsOptions {
  learning: LearningStore;
  /** The FAQ as the relay serves it (before accepted questions are added). */
  faq: (locale: string) => readonly FaqArticle[] | undefined;
  /** Locales of the FAQ files: always offered, even before anything was learned. */
  locales: readonly string[];
  /** The relay's store: the page header shows whether the agent is on duty, as it keeps it. */
  store: Pick<RelayStore, 'conversations'>;
}

// Control characters and line breaks have no place in a question shown as a one-line title.
const CONTROL = /[\p{Cc}\p{Cf}\u2028\u2029]/u;

/**
 * `/inbox/insights` (the page) and its two forms, `/inbox/insights/accept` and
 * `/inbox/insights/dismiss`, behind the console's sign-in, each form checked for origin and CSRF
 * token and written to the audit log. Answers false for paths it does not own.
 */
export async function handleInsights(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  auth: ConsoleAuth,
  options: InsightsOptions,
): Promise<boolean> {
  const path = url.pathname;
  if (path !== '/inbox/insights' && !path.startsWith('/inbox/insights/')) return false;
  const session = await auth.require(req, res, url);
  if (!session) return true;
  const agent = pageAgent(session, await loadPresence(options.store));
  const all = [...options.locales, ...(await options.learning.locales())].map(normalizeLocale);
  const known = [...new Set(all.filter(Boolean))].sort();
  if (path === '/inbox/insights') {
    if (req.method !== 'GET' && req.method !== 'HEAD') return onlyGet(res);
    const wanted = normalizeLocale(url.searchParams.get('locale') ?? known[0]);
    const locale = known.includes(wanted) ? wanted : (known[0] ?? 'en');
    const articles = options.faq(locale) ?? [];
    const report = await learningReport(options.learning, locale, articles);
    const done = url.searchParams.get('done') ?? '';
    auth.audit(req, 'view-insights', { agent: session.agent.email, detail: locale });
    const notice = Object.hasOwn(NOTICES, done) ? NOTICES[done] : undefined;
    const insights = { report, articles, locales: known, agent, ...(notice ? { notice } : {}) };
    page(res, 200, renderInsights(insights));
    return true;
  }
  const action = path.slice('/inbox/insights/'.length);
  if (action !== 'accept' && action !== 'dismiss')
    return (notFound(res, 'No such page.', agent), true);
  if (req.method !== 'POST') return onlyPost(res);
  const form = await readForm(req);
  if (!auth.checkForm(req, res, session, form)) return true;
  const locale = normalizeLocale(form.get('locale') ?? '');
  const query = normalizeQuery(form.get('query') ?? '');
  const article = (options.faq(locale) ?? []).find((a) => a.id === form.get('articleId'));
  if (!known.includes(locale) || !article || !query)
    return (
      messagePage(
        res,
        400,
        'Not found',
        'That article or search is no longer there; reload.',
        agent,
      ),
      true
    );
  const back = (done: string) =>
    res
      .writeHead(303, {
        Location: `/inbox/insights?locale=${encodeURIComponent(locale)}&done=${done}`,
      })
      .end();
  const who = { agent: session.agent.email, detail: article.id };
  if (action === 'dismiss') {
    await options.learning.dismiss({ locale, query, articleId: article.id });
    auth.audit(req, 'insight-dismissed', who);
    return (back('dismissed'), true);
  }
  const question = (form.get('question') ?? '').trim().replace(/\s+/g, ' ');
  if (!question || [...question].length > 80 || CONTROL.test(question))
    return (
      messagePage(
        res,
        400,
        'Question not accepted',
        'Write the similar question on one line, in 1 to 80 characters.',
        agent,
      ),
      true
    );
  const outcome = await options.learning.accept({
    // Keyed by the article's own language, which is what GET /faq looks up.
    locale: normalizeLocale(article.locale ?? locale),
    articleId: article.id,
    question,
    acceptedAt: new Date().toISOString(),
  });
  if (outcome === 'full')
    return (
      messagePage(
        res,
        409,
        'Question not accepted',
        'This article (or this language) has as many accepted questions as the server keeps; edit the FAQ file to make room.',
        agent,
      ),
      true
    );
  // Settled either way: the search is no longer a proposal.
  await options.learning.dismiss({ locale, query, articleId: article.id });
  auth.audit(req, 'insight-accepted', who);
  return (back(outcome), true);
}
