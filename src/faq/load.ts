import { createStore, get, set, type UseStore } from 'idb-keyval';
import { KefuError } from '../errors/kefu-error';
import { guardFaqFile } from './faq-guard';
import type { FaqArticle } from './types';

/** Where loaded FAQ files are kept between visits; tests pass a Map-backed one. */
export interface FaqCache {
  get(key: string): Promise<unknown>;
  set(key: string, value: unknown): Promise<void>;
}

/**
 * A FaqCache in IndexedDB (idb-keyval). The database opens on first use, never at import.
 * @default database "kefu-faq", store "files"
 */
/* @__NO_SIDE_EFFECTS__ */
export function idbFaqCache(database = 'kefu-faq', store = 'files'): FaqCache {
  let db: UseStore | undefined;
  const open = (): UseStore => (db ??= createStore(database, store));
  return { get: (key) => get(key, open()), set: (key, value) => set(key, value, open()) };
}

/** Options of {@link loadFaq}. */
export interface LoadFaqOptions {
  /** Base URL of the support endpoint; the file is `GET {endpoint}/faq?locale=…`. */
  endpoint: string;
  locale: string;
  /** @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * Where the file and its ETag are kept; `false` for none.
   * @default idbFaqCache() where IndexedDB exists; none elsewhere (Node, a server render)
   */
  cache?: FaqCache | false;
  /** Told of failures that do not fail the load: a background refresh, a cache that cannot be used. */
  onError?: (error: KefuError) => void;
}

/** What {@link loadFaq} resolves to. */
export interface LoadedFaq {
  articles: FaqArticle[];
  /** `cache` when served from the cache at once (a refresh then runs behind). */
  source: 'cache' | 'network';
  /** The articles of a newer file after the background refresh, or undefined (unchanged, failed, none). */
  refreshed: Promise<FaqArticle[] | undefined>;
}

interface Cached {
  etag?: string;
  articles: FaqArticle[];
}

async function request(
  options: LoadFaqOptions,
  etag: string | undefined,
): Promise<Cached | undefined> {
  const url = `${options.endpoint.replace(/\/+$/, '')}/faq?locale=${encodeURIComponent(options.locale)}`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, {
      headers: etag ? { 'If-None-Match': etag } : {},
    });
  } catch (cause) {
    throw new KefuError('network', `Could not load the FAQ from ${url}`, { cause });
  }
  const { status } = response;
  if (status === 304 && etag) return undefined;
  if (status < 200 || status > 299)
    throw new KefuError(
      status === 408 || status === 429 || status >= 500 ? 'server_unavailable' : 'rejected',
      `Loading the FAQ from ${url} failed with HTTP ${status}`,
      { status },
    );
  let body: unknown;
  try {
    body = await response.json();
  } catch (cause) {
    throw new KefuError('invalid_response', `The FAQ from ${url} is not JSON`, { cause, status });
  }
  const fresh = response.headers.get('ETag');
  // The small guard, not the schema: this is the path from a tap on "help" to a usable search.
  return { articles: guardFaqFile(body), ...(fresh ? { etag: fresh } : {}) };
}

/**
 * Validates a FAQ file (the answer of `GET {endpoint}/faq`, or an app's own JSON) and resolves to
 * its articles; rejects with a KefuError naming the article and the field at fault, e.g.
 * "FAQ file is not valid: article 3 (id "zh-refund"): `articles.3.title` expected string".
 * Asynchronous because its schema loads on first use: esbuild splits code by file, and a
 * kefu/faq that imported it put the schema code in the start chunk of an app using createKefu
 * and createFaqIndex together (with zod's, 17.2 KB at start instead of 7.2 KB).
 */
export async function parseFaqFile(
  data: unknown,
  code: 'invalid_input' | 'invalid_response' = 'invalid_response',
): Promise<FaqArticle[]> {
  return (await import('./faq-file')).parseFaqFileSync(data, code);
}

// A KefuError of kefu's own (instanceof: the error codes' check would add them to the panel).
const report = (options: LoadFaqOptions, error: unknown): undefined => {
  options.onError?.(
    error instanceof KefuError
      ? error
      : new KefuError('storage_unavailable', 'The FAQ cache could not be used', { cause: error }),
  );
  return undefined;
};

/**
 * Loads the FAQ of a locale: from the cache at once when there is one (then revalidated behind
 * with `If-None-Match`; a 304 keeps it), else from the network. Server answers are validated (by a
 * guard that agrees with the schema, without its weight), and a malformed one is a KefuError
 * `invalid_response` naming the article and field.
 * @example
 * const faq = await loadFaq({ endpoint: 'https://support.example.com/api', locale: 'zh-CN' });
 * let index = createFaqIndex(faq.articles);
 * faq.refreshed.then((articles) => articles && (index = createFaqIndex(articles)));
 */
export async function loadFaq(options: LoadFaqOptions): Promise<LoadedFaq> {
  // Without IndexedDB (Node, a server render) there is nowhere to keep the file between visits:
  // the load goes to the network, and nothing is reported, as nothing was asked for.
  const cache =
    options.cache === false
      ? undefined
      : (options.cache ?? (typeof indexedDB === 'undefined' ? undefined : idbFaqCache()));
  const key = `${options.endpoint}|${options.locale}`;
  // An app's cache may throw before it returns a promise: that is reported, never thrown.
  const store = (value: Cached): Promise<void> | undefined =>
    cache &&
    Promise.resolve()
      .then(() => cache.set(key, value))
      .catch((e: unknown) => report(options, e));
  let cached: Cached | undefined;
  try {
    const value = (await cache?.get(key)) as Cached | undefined;
    if (value && Array.isArray(value.articles)) cached = value;
  } catch (error) {
    report(options, error);
  }
  if (!cached) {
    const loaded = (await request(options, undefined))!;
    await store(loaded);
    return { articles: loaded.articles, source: 'network', refreshed: Promise.resolve(undefined) };
  }
  const refreshed = request(options, cached.etag).then(
    async (loaded) => {
      if (!loaded) return undefined;
      await store(loaded);
      return loaded.articles;
    },
    (error: unknown) => report(options, error),
  );
  return { articles: cached.articles, source: 'cache', refreshed };
}
