import { eventsBatchSchema, type FaqArticle } from '../protocol';
import type { ResolvedRelayOptions } from './options';
import { readJsonBody } from './read-body';
import { RelayError } from './relay-error';
import { empty, json } from './respond';
import { learningIncrements, normalizeLocale, withAcceptedQuestions } from './learning';

const LOCALE = /^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$/;
// Events are small anonymous batches: no reason to let one take the attachments' budget.
const MAX_EVENTS_BYTES = 64 * 1024;

/**
 * `GET /tickets/{id}`: the ticket's status and thread, agent answers included, for its author
 * only. Any other request is answered exactly as for a ticket that does not exist.
 */
export async function handleGetTicket(
  request: Request,
  options: ResolvedRelayOptions,
  id: string,
): Promise<Response> {
  const ticket = await options.store.getTicket(id);
  if (
    !ticket ||
    !(await options.authorship.proves(request, ticket.author)) ||
    (options.authorizeTicketRead && !(await options.authorizeTicketRead(request, ticket)))
  )
    throw new RelayError(404, 'not_found', `There is no ticket "${id}".`);
  return json(200, {
    id: ticket.id,
    status: ticket.status,
    updatedAt: ticket.updatedAt,
    replies: ticket.replies,
  });
}

async function etagOf(body: string): Promise<string> {
  const digest = new Uint8Array(
    await crypto.subtle.digest('SHA-256', new TextEncoder().encode(body)),
  );
  return `"${[...digest.slice(0, 12)].map((b) => b.toString(16).padStart(2, '0')).join('')}"`;
}

function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

/**
 * The articles with the similar questions agents accepted, keyed by the articles' own locale (a
 * `zh-TW` request served the `zh-CN` file gets the `zh-CN` questions). The FAQ is served without
 * them, and the operator told, when the learning store fails: answers matter more than learning.
 */
async function withLearned(
  articles: readonly FaqArticle[],
  locale: string,
  request: Request,
  options: ResolvedRelayOptions,
): Promise<readonly FaqArticle[]> {
  if (!options.learning) return articles;
  try {
    const accepted = await options.learning.accepted(
      normalizeLocale(articles[0]?.locale ?? locale),
    );
    return withAcceptedQuestions(articles, accepted);
  } catch (error) {
    options.onError?.(error, request);
    return articles;
  }
}

/** `GET /faq?locale=`: the locale's articles with an ETag; a matching If-None-Match answers 304. */
export async function handleGetFaq(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  const locale = new URL(request.url).searchParams.get('locale') ?? options.defaultLocale;
  if (!LOCALE.test(locale) || locale.length > 35) {
    throw new RelayError(
      400,
      'invalid_request',
      `"${locale.slice(0, 40)}" is not a locale; write a BCP 47 tag like "zh-CN" or "en".`,
      'locale',
    );
  }
  const file = await options.faq?.(locale);
  if (!file)
    throw new RelayError(404, 'not_found', `There are no FAQ articles for the locale "${locale}".`);
  const articles = await withLearned(file, locale, request, options);
  const body = JSON.stringify({ articles });
  const etag = await etagOf(body);
  // Revalidated every time, so a corrected article reaches users at once yet costs a 304 when unchanged.
  const headers = { ETag: etag, 'Cache-Control': 'no-cache' };
  if (matches(request.headers.get('if-none-match'), etag)) return empty(304, headers);
  return new Response(body, {
    status: 200,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'X-Content-Type-Options': 'nosniff',
      ...headers,
    },
  });
}

/** `POST /events`: an anonymous batch of product events, accepted with 202. */
export async function handlePostEvents(
  request: Request,
  options: ResolvedRelayOptions,
): Promise<Response> {
  const batch = await readJsonBody(
    request,
    eventsBatchSchema,
    Math.min(MAX_EVENTS_BYTES, options.maxBodyBytes),
    'events batch',
    { sent: 'events' },
  );
  // Counted only within the client's budget: 202 either way, since retrying would not help.
  const counted = options.admitEvents(options.clientKey(request), batch.events);
  const at = new Date(options.now()).toISOString();
  if (counted.length > 0) await options.store.addEvents(counted, at);
  const learned = options.learning ? learningIncrements(counted) : [];
  // Statistics: a failing learning store is the operator's to hear about, not the user's.
  if (learned.length > 0)
    await options
      .learning!.record(learned, at)
      .catch((error: unknown) => options.onError?.(error, request));
  return json(202, { accepted: counted.length });
}
