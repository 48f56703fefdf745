import { readFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { FaqArticle } from '../../../src/protocol';
import { createMemoryRelayStore, createRelay, type RelayOptions } from '../../../src/relay';
import { createNodeHandler } from '../../../src/relay/node';

const dist = fileURLToPath(new URL('../../../dist/', import.meta.url));

/** Articles the bot answers from in the browser tests. */
export const LIVE_FAQ: FaqArticle[] = [
  {
    id: 'renew',
    title: '如何取消自动续费',
    body: '打开「我的 - 会员 - 自动续费」，点击关闭自动续费即可。',
    category: 'membership',
    tags: ['续费', '自动续费'],
  },
  {
    id: 'buffering',
    title: '视频一直缓冲怎么办',
    body: '降低清晰度，或切换到更快的网络后重试。',
    category: 'playback',
    tags: ['卡顿', '缓冲'],
  },
  {
    id: 'renew-en',
    title: 'How do I cancel auto-renewal?',
    body: 'Open Me → Membership → Auto-renewal and switch it off.',
    category: 'membership',
    tags: ['renewal'],
    locale: 'en',
  },
];

/**
 * The relay on a memory store behind Node's http server, with dist/ and a test page that loads
 * the script-tag build: what live support needs in a real browser, on a free port. It counts the
 * stream requests (one connection per browser) and the message posts.
 */
export async function startLiveServer(options: Partial<RelayOptions> = {}) {
  const store = createMemoryRelayStore();
  const relay = createRelay({
    basePath: '/api',
    rateLimit: false,
    store,
    faq: (locale) => LIVE_FAQ.filter((a) => (a.locale ?? 'zh-CN').startsWith(locale.slice(0, 2))),
    ...options,
  });
  const stats = { streams: 0, open: 0, polls: 0, messagePosts: 0 };
  const serveRelay = createNodeHandler(relay, { onError: () => {} });
  const server = createServer(async (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname.startsWith('/api/')) {
      if (url.pathname === '/api/stream') {
        stats.streams++;
        stats.open++;
        res.on('close', () => stats.open--);
      }
      if (url.pathname === '/api/events/poll') stats.polls++;
      if (req.method === 'POST' && /^\/api\/conversations\/[^/]+\/messages$/.test(url.pathname))
        stats.messagePosts++;
      return void serveRelay(req, res);
    }
    if (url.pathname === '/page.html') {
      const config = url.searchParams.get('config') ?? '{}';
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      return void res.end(`<!doctype html><html lang="zh-CN"><meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1"><title>live support test</title>
<body><main><h1>Video app</h1></main>
<script src="/dist/kefu.iife.js"></script>
<script>
  window.seen = [];
  sessionStorage.loads = String(Number(sessionStorage.loads || 0) + 1);
  // The SDK's own request timeout (15 s): a shorter one made a slow answer on a busy machine a
  // lost one, retried with backoff, and a hand-over waited past its test's time.
  const config = Object.assign({ endpoint: location.origin + '/api', appId: 'live-tests', locale: 'zh-CN' }, ${config});
  // quiet: a page that only calls init, as most do, so that kefu loads its client when it
  // finds work for it (src/embed.ts) rather than because the page awaited the instance.
  if (${url.searchParams.has('quiet')}) Kefu.init(config);
  else Kefu.init(config).then((kefu) => {
    window.kefu = kefu;
    kefu.on('unread-change', (e) => window.seen.push('unread ' + e.count));
  });
</script></body></html>`);
    }
    if (url.pathname.startsWith('/dist/')) {
      try {
        const body = await readFile(dist + url.pathname.slice(6).replace(/\.\./g, ''));
        res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8' });
        return void res.end(body);
      } catch {
        res.writeHead(404);
        return void res.end();
      }
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    store,
    conversations: store.conversations,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The page URL with a client config (merged over the defaults). */
export const pageUrl = (base: string, config: Record<string, unknown> = {}, quiet = false) =>
  `${base}/page.html?config=${encodeURIComponent(JSON.stringify(config))}${quiet ? '&quiet' : ''}`;
