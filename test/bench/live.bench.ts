import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { Browser, Page } from 'playwright-core';
import { createPostgresAgentStore } from '../../examples/server/console-auth';
import { type RunningServer, startServer } from '../../examples/server/server';
import { createPostgresRelayStore } from '../../src/relay';
import { signInBrowser } from '../browser/helpers/agent';
import { launchChromium } from '../browser/helpers/browser';
import { openKefuPage } from '../browser/helpers/kefu-page';
import { startTestPostgres } from '../helpers/postgres';
import type { BenchSection } from './report';

// Agent reply → user's screen, as the user lives it: the agent presses "Send reply" in the
// console (Chromium) on relay instance A; the text becomes visible in the user's widget
// (Chromium, another context) fed by instance B; both instances share one PostgreSQL, which
// wakes B with LISTEN/NOTIFY. Measured over SSE and over long-poll, and against what a client
// polling every 15 s (the Chinese SDKs' way) sees in the same run.
const SSE_SAMPLES = 30;
const POLL_SAMPLES = 20;
const POLLERS = 12;
const POLL_EVERY_MS = 15_000;

const quantile = (values: number[], q: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? Number.NaN;
};

// Resolves with the time a text first shows in the widget (its shadow root), checked on every
// DOM change, so the figure includes rendering, not only the network.
const SEEN_SCRIPT = `window.__seen = (token) => new Promise((resolve) => {
  const root = document.querySelector('[data-kefu-widget]').shadowRoot;
  const check = () => (root.textContent || '').includes(token);
  if (check()) return resolve(Date.now());
  const observer = new MutationObserver(() => {
    if (check()) { observer.disconnect(); resolve(Date.now()); }
  });
  observer.observe(root, { childList: true, subtree: true, characterData: true });
});`;

async function startInstance(config: pg.PoolConfig, dataDir: string): Promise<RunningServer> {
  const pool = new pg.Pool({ ...config, max: 10 });
  const server = await startServer({
    port: 0,
    quiet: true,
    rateLimit: false,
    dataDir,
    store: await createPostgresRelayStore({ pool }),
    agents: await createPostgresAgentStore(pool),
  });
  const close = server.close;
  // The store keeps one pooled connection LISTENing, which pool.end() would wait for forever;
  // the cluster is stopped right after, which ends it.
  const end = () => Promise.race([pool.end(), new Promise((r) => setTimeout(r, 1000))]);
  return { ...server, close: async () => (await close(), await end()) } as RunningServer;
}

/** A user's widget on instance B with its chat open on a fresh conversation. */
async function openUser(browser: Browser, url: string, transport: 'sse' | 'poll') {
  const context = await browser.newContext({ locale: 'en' });
  const page = await openKefuPage(context, url, { locale: 'en', live: { transport } });
  await page.waitForFunction(() => (window as any).kefu?.widget);
  const id = await page.evaluate(async (t) => {
    const kefu = (window as any).kefu;
    const receipt = await kefu.conversations.start({ body: `bench over ${t}` });
    await kefu.widget.open('chat');
    return receipt.conversation.id as string;
  }, transport);
  await page.waitForFunction(() =>
    document.querySelector('[data-kefu-widget]')?.shadowRoot?.querySelector('.bubble.user'),
  );
  // A string, not a function: tsx would wrap named functions in a helper the page lacks.
  await page.evaluate(SEEN_SCRIPT);
  return { context, page, id };
}

/** The console on instance A, on the conversation's page, its reply box ready. */
async function openAgent(browser: Browser, server: RunningServer, id: string): Promise<Page> {
  const context = await browser.newContext();
  await signInBrowser(context, server);
  const page = await context.newPage();
  await page.goto(`${server.url}/inbox/conversations/${id}`);
  await page.waitForSelector('form.reply textarea');
  return page;
}

/** One reply: sent from the console, awaited in the widget; answers the milliseconds between. */
async function oneReply(agent: Page, user: Page, token: string): Promise<number> {
  const seen = user.evaluate((t) => (window as any).__seen(t) as Promise<number>, token);
  await agent.fill('#body', token);
  const sentAt = await agent.evaluate(() => {
    const at = Date.now();
    document.querySelector<HTMLFormElement>('form.reply')!.requestSubmit();
    return at;
  });
  const timeout = new Promise<number>((_, reject) =>
    setTimeout(() => reject(new Error(`"${token}" not shown within 10 s`)), 10_000),
  );
  return (await Promise.race([seen, timeout])) - sentAt;
}

async function measure(
  browser: Browser,
  agentServer: RunningServer,
  userServer: RunningServer,
  transport: 'sse' | 'poll',
  samples: number,
  withPollers = false,
): Promise<{ latencies: number[]; polled: number[] }> {
  const user = await openUser(browser, userServer.url, transport);
  const agent = await openAgent(browser, agentServer, user.id);
  const pollers = withPollers ? startPollers(userServer, user.id) : undefined;
  const latencies: number[] = [];
  for (let i = 0; i < samples + 2; i++) {
    const token = `reply ${transport} ${i} ${Math.random()}`;
    pollers?.sent.set(token, Date.now());
    const ms = await oneReply(agent, user.page, token);
    if (i >= 2) latencies.push(ms); // the first two warm up the console's and the widget's code
    // A random pause, so replies land at any point of a long-poll's cycle.
    await new Promise((r) => setTimeout(r, 100 + Math.random() * 400));
  }
  console.error(`  live bench: ${transport} p95 ${quantile(latencies, 0.95)} ms`);
  const polled = (await pollers?.done()) ?? [];
  await agent.context().close();
  await user.context.close();
  return { latencies, polled };
}

/**
 * Clients that read the conversation's log every 15 s, each from a random phase, as polling SDKs
 * do; each reply is timed from its send to the first read that returns it. Stop with `done`.
 */
function startPollers(server: RunningServer, conversationId: string) {
  const sent = new Map<string, number>();
  const latencies: number[] = [];
  let stopped = false;
  const started = Date.now();
  const pollers = Array.from({ length: POLLERS }, async () => {
    const seen = new Set<string>();
    let next = started + Math.random() * POLL_EVERY_MS;
    while (!stopped) {
      await new Promise((r) => setTimeout(r, Math.max(0, next - Date.now())));
      next += POLL_EVERY_MS;
      const events = await server.store.conversations!.readEvents({
        after: '0',
        scope: { conversationIds: [conversationId] },
      });
      const now = Date.now();
      for (const e of events) {
        if (e.type !== 'message') continue;
        const at = sent.get(e.message.body);
        if (at === undefined || seen.has(e.message.body)) continue;
        seen.add(e.message.body);
        latencies.push(now - at);
      }
    }
  });
  return {
    sent,
    /** Waits one more full cycle (every poller reads once more), then stops them. */
    async done(): Promise<number[]> {
      await new Promise((r) => setTimeout(r, POLL_EVERY_MS + 500));
      stopped = true;
      await Promise.all(pollers);
      return latencies;
    },
  };
}

export default async function liveBench(): Promise<BenchSection> {
  const postgres = await startTestPostgres({ fsync: false });
  const dataDir = mkdtempSync(join(tmpdir(), 'kefu-live-bench-'));
  let browser: Browser | undefined;
  const servers: RunningServer[] = [];
  try {
    const config = await postgres.createDatabase();
    const a = await startInstance(config, join(dataDir, 'a'));
    servers.push(a);
    const b = await startInstance(config, join(dataDir, 'b'));
    servers.push(b);
    browser = await launchChromium();
    const { latencies: sse, polled: slow } = await measure(browser, a, b, 'sse', SSE_SAMPLES, true);
    const { latencies: poll } = await measure(browser, a, b, 'poll', POLL_SAMPLES);
    const p95Slow = quantile(slow, 0.95);
    const row = (name: string, values: number[], goal: string) => ({
      client: name,
      samples: values.length,
      'p50 ms': Math.round(quantile(values, 0.5)),
      'p95 ms': Math.round(quantile(values, 0.95)),
      'max ms': Math.round(Math.max(...values)),
      goal,
      'p95 vs 15 s polling': (quantile(values, 0.95) / p95Slow).toFixed(4),
    });
    return {
      title: 'Live support: agent reply to the user’s screen (console send → text in the widget)',
      rows: [
        row('kefu, SSE', sse, 'p95 ≤ 250 ms'),
        row('kefu, long-poll', poll, 'p95 ≤ 1000 ms'),
        row('polling every 15 s', slow, '(peer)'),
      ],
      notes: [
        'Chromium, loopback; the console on relay instance A, the widget on instance B, one',
        'PostgreSQL (LISTEN/NOTIFY wakes B). Timed from the console form’s submit to the text',
        'appearing in the widget’s shadow DOM (MutationObserver), both pages on one clock.',
        `The 15 s peer: ${POLLERS} pollers read B's log every 15 s from random phases during the SSE`,
        'run, each reply timed to the first read that returns it (no HTTP, no rendering: a floor for',
        'such SDKs). Run: npm run bench -- live',
        `Load average at the end (1 min, on ${availableParallelism()} cores): ${loadavg()[0]!.toFixed(1)}.`,
      ],
    };
  } finally {
    await browser?.close();
    for (const server of servers) await server.close();
    await postgres.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
}
