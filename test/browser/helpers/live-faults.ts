import type { BrowserContext, Page } from 'playwright-core';
import type { FaultBed } from './fault-bed';
import { openKefuPage } from './kefu-page';
import { W } from './widget-page';

/** How long each fault lasts; the bench uses the durations, the test short ones. */
export interface FaultDurations {
  /** The user's network off. */
  offlineMs: number;
  /** The tab hidden, in all (the stream closes after `hiddenCloseMs` of it). */
  hiddenMs: number;
  /** The client's `live.hiddenCloseMs`. */
  hiddenCloseMs: number;
  /** The pause between two rounds of messages while a fault lasts. */
  gapMs: number;
  /** How long everything may take to arrive once the fault is over. */
  settleMs: number;
}

/**
 * One fault's outcome, checked at every end: the relay's store, the page's client and the chat
 * bubbles a person sees in the widget.
 */
export interface FaultResult {
  fault: string;
  agentMessages: number;
  userMessages: number;
  lost: number;
  duplicated: number;
  outOfOrder: number;
  /** From the fault's end (network back, tab shown, page loaded, instance killed) to the newest agent message in the page. */
  catchUpMs: number;
  /** What happened during the fault, in words (for the report and failure messages). */
  detail: string;
}

/**
 * Probes installed before any page script. Visibility: headless Chromium has no way to hide a
 * page through CDP (`Emulation.setFocusEmulationEnabled` changes focus only, and
 * `Page.setWebLifecycleState('frozen')` stops the page's timers, so the client could never
 * notice it was hidden), so `document.visibilityState`/`hidden` are overridden on the prototype
 * and `visibilitychange` dispatched, what the browser does when a tab goes to the background:
 * the client's own listener and its `hiddenCloseMs` timer then run as in a real hidden tab.
 * Streams: each `/stream` or `/events/poll` fetch is counted open, and closed when its signal
 * aborts, it fails, its body ends or it is answered with anything but a stream, to see that a hidden tab really
 * let its connection go.
 */
export const PROBES = `(() => {
  let hidden = false;
  const proto = Document.prototype;
  Object.defineProperty(proto, 'visibilityState', { configurable: true, get: () => hidden ? 'hidden' : 'visible' });
  Object.defineProperty(proto, 'hidden', { configurable: true, get: () => hidden });
  window.__setHidden = (value) => { hidden = value; document.dispatchEvent(new Event('visibilitychange')); };
  const streams = { opened: 0, closed: 0 };
  window.__streams = streams;
  const original = window.fetch;
  window.fetch = function (input, init) {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!/\\/(stream|events\\/poll)(\\?|$)/.test(url)) return original.apply(this, arguments);
    streams.opened++;
    let done = false;
    const close = () => { if (!done) { done = true; streams.closed++; } };
    init && init.signal && init.signal.addEventListener('abort', close);
    return original.apply(this, arguments).then((response) => {
      // Refused, or a long-poll's answer: over. A stream is open until its body ends, fails or
      // is cancelled, which the pipe below sees.
      if (!response.ok || !/event-stream/.test(response.headers.get('Content-Type') || '') || !response.body) {
        close();
        return response;
      }
      const pipe = new TransformStream();
      response.body.pipeTo(pipe.writable).then(close, close);
      return new Response(pipe.readable, { status: response.status, statusText: response.statusText, headers: response.headers });
    }, (error) => { close(); throw error; });
  };
})();`;

/** Rounds of messages before each fault and after it. */
const ROUNDS = 2;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `check` holds, checking every 20 ms; false once `ms` passed. */
async function until(check: () => Promise<boolean>, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  for (;;) {
    if (await check().catch(() => false)) return true;
    if (Date.now() > end) return false;
    await sleep(20);
  }
}

type Shown = { body: string; from: string; state: string };

/** A user's page on a fresh conversation, and the numbered messages both sides send in it. */
class Exchange {
  readonly agent: string[] = [];
  readonly user: string[] = [];
  private agentCount = 0;
  private userCount = 0;
  private constructor(
    readonly bed: FaultBed,
    readonly tag: string,
    readonly context: BrowserContext,
    public page: Page,
    readonly id: string,
  ) {}

  static async open(bed: FaultBed, tag: string, hiddenCloseMs: number): Promise<Exchange> {
    const context = await bed.browser.newContext({ locale: 'en' });
    await context.addInitScript(PROBES);
    const page = await openKefuPage(context, bed.url, {
      locale: 'en',
      live: { transport: 'sse', hiddenCloseMs },
    });
    await page.waitForFunction(() => (window as any).kefu);
    const id: string = await page.evaluate(
      async (body) => (await (window as any).kefu.conversations.start({ body })).conversationId,
      `${tag} start`,
    );
    const exchange = new Exchange(bed, tag, context, page, id);
    // The agent can answer once the relay has the conversation.
    if (!(await until(async () => !!(await bed.store.conversations!.getConversation(id)), 30_000)))
      throw new Error(`${tag}: the conversation never reached the relay`);
    return exchange;
  }

  /** The agent's next numbered message, written to the log as the console would. */
  async agentSays(): Promise<string> {
    const body = `${this.tag} agent ${++this.agentCount}`;
    const event = await this.bed.store.conversations!.addAgentMessage(this.id, {
      body,
      agentName: 'Agent Lin',
      at: new Date().toISOString(),
    });
    if (!event) throw new Error(`${this.tag}: the relay does not know the conversation`);
    this.agent.push(body);
    return body;
  }

  /** The user's next numbered text; counted as sent once the caller pushes it to `user`. */
  nextUserBody = () => `${this.tag} user ${++this.userCount}`;

  /** The user's next numbered message, through `kefu.conversations.send` (the outbox). */
  async userSays(): Promise<string> {
    const body = this.nextUserBody();
    await this.page.evaluate(({ id, body }) => (window as any).kefu.conversations.send(id, body), {
      id: this.id,
      body,
    });
    this.user.push(body);
    return body;
  }

  /** Both sides send one message, at the same time. */
  round = () => Promise.all([this.agentSays(), this.userSays()]);

  /** Rounds every `gapMs` until `stop` says so. */
  async roundsUntil(stop: () => boolean, gapMs: number) {
    while (!stop()) {
      await this.round();
      await sleep(gapMs);
    }
  }

  shown = (): Promise<Shown[]> =>
    this.page.evaluate(async (id) => {
      const c = await (window as any).kefu.conversations.get(id);
      return (c?.messages ?? []).map((m: any) => ({
        body: m.body,
        from: m.from,
        state: m.state ?? '',
      }));
    }, this.id);

  /** The chat bubbles' texts in the widget's chat view, in screen order. */
  onScreen = (): Promise<string[]> =>
    this.page
      .locator(W.inWidget('li.bubble > p'))
      .evaluateAll((els) => els.map((e) => e.textContent ?? ''));

  async stored(): Promise<{ body: string; from: string }[]> {
    const c = await this.bed.store.conversations!.getConversation(this.id);
    return (c?.messages ?? []).map((m) => ({ body: m.body, from: m.from }));
  }

  /** Milliseconds from `since` until `body` is in the page's conversation (NaN if never, in `ms`). */
  async catchUp(body: string, since: number, ms: number): Promise<number> {
    const seen = await until(async () => (await this.shown()).some((m) => m.body === body), ms);
    return seen ? Date.now() - since : Number.NaN;
  }

  /**
   * Waits (up to `ms`) until every message is at both ends and the user's are all sent, then
   * scores every end (client, store, bubbles on screen): each side's messages exactly once and in
   * order, and the page's and the screen's order the
   * store's.
   */
  async settleAndScore(ms: number) {
    const mine = (b: string) =>
      b.startsWith(`${this.tag} agent `) || b.startsWith(`${this.tag} user `);
    const complete = async () => {
      const [page, store] = [await this.shown(), await this.stored()];
      const has = (list: { body: string }[], body: string) => list.some((m) => m.body === body);
      return (
        this.agent.every((b) => has(page, b)) &&
        this.user.every((b) => has(store, b)) &&
        this.user.every((b) => page.some((m) => m.body === b && /^(sent|read)$/.test(m.state)))
      );
    };
    await until(complete, ms);
    // What a person sees: the chat view opened, every message drawn as a bubble.
    await this.page.evaluate(() => (window as any).Kefu.open('chat'));
    const everyBody = [...this.agent, ...this.user];
    await until(async () => {
      const seen = await this.onScreen();
      return everyBody.every((b) => seen.includes(b));
    }, ms);
    const page = (await this.shown()).map((m) => m.body).filter(mine);
    const store = (await this.stored()).map((m) => m.body).filter(mine);
    const screen = (await this.onScreen()).filter(mine);
    const ends = [page, store, screen].map((seen) => [
      score(this.agent, seen),
      score(this.user, seen),
    ]);
    const sum = (key: keyof ReturnType<typeof score>) =>
      ends.flat().reduce((total, s) => total + s[key], 0);
    const differs = (seen: string[]) => (seen.join('\n') === store.join('\n') ? 0 : 1);
    return {
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      outOfOrder: sum('outOfOrder') + differs(page) + differs(screen),
      ends: { page, store, screen },
    };
  }

  close = () => this.context.close();
}

/**
 * How `seen` delivered `expected`: lost (never there), duplicated (there more than once) and out
 * of order (a message whose first showing comes before the one sent before it).
 */
export function score(expected: string[], seen: string[]) {
  const counts = new Map<string, number>();
  for (const body of seen) counts.set(body, (counts.get(body) ?? 0) + 1);
  const at = expected.map((body) => seen.indexOf(body)).filter((i) => i >= 0);
  return {
    lost: expected.filter((body) => !counts.get(body)).length,
    duplicated: expected.reduce((n, body) => n + Math.max(0, (counts.get(body) ?? 0) - 1), 0),
    outOfOrder: at.filter((position, i) => i > 0 && position < at[i - 1]!).length,
  };
}

async function finish(
  x: Exchange,
  fault: string,
  d: FaultDurations,
  catchUpMs: number,
  detail: string,
  held?: string,
) {
  for (let i = 0; i < ROUNDS; i++) await x.round();
  const { lost, duplicated, outOfOrder, ends } = await x.settleAndScore(d.settleMs);
  if (held) detail += `; the held message stored ${ends.store.filter((b) => b === held).length}×`;
  await x.close();
  const trail =
    lost + duplicated + outOfOrder
      ? `; page ${JSON.stringify(ends.page)}, store ${JSON.stringify(ends.store)}, screen ${JSON.stringify(ends.screen)}`
      : '';
  return {
    fault,
    agentMessages: x.agent.length,
    userMessages: x.user.length,
    lost,
    duplicated,
    outOfOrder,
    catchUpMs,
    detail: detail + trail,
  } satisfies FaultResult;
}

const open = async (x: Exchange) =>
  x.page.evaluate(() => (window as any).__streams as { opened: number; closed: number });

/**
 * Reload mid-send: the user's message is in the outbox (its `queued` event fired) and its post is
 * on the wire, held by a route, when the page reloads. `held`: the relay never saw it; `answer
 * lost`: the relay stored it and answered, but the answer never reached the page.
 */
export async function reloadMidSend(
  bed: FaultBed,
  d: FaultDurations,
  variant: 'held' | 'answer lost',
) {
  const x = await Exchange.open(bed, `reload-${variant.replace(' ', '-')}`, d.hiddenCloseMs);
  for (let i = 0; i < ROUNDS; i++) await x.round();
  let hold = true;
  let reached!: () => void;
  const onWire = new Promise<void>((resolve) => (reached = resolve));
  await x.page.route('**/api/conversations/*/messages', async (route) => {
    if (!hold || route.request().method() !== 'POST') return route.continue();
    hold = false;
    if (variant === 'answer lost') await route.fetch();
    reached();
    // Never answered: the reload cancels the request under it.
  });
  const body = x.nextUserBody();
  void x.page
    .evaluate(({ id, body }) => (window as any).kefu.conversations.send(id, body), {
      id: x.id,
      body,
    })
    .catch(() => {});
  await onWire;
  x.user.push(body);
  await x.agentSays();
  const reloaded = x.page.reload();
  const newest = await x.agentSays();
  await reloaded;
  await x.page.waitForFunction(() => (window as any).kefu);
  const loadedAt = Date.now();
  const catchUpMs = await x.catchUp(newest, loadedAt, d.settleMs);
  const atReload = (await x.stored()).filter((m) => m.body === body).length;
  return finish(
    x,
    `reload mid-send (${variant})`,
    d,
    catchUpMs,
    `the relay held the message ${atReload}× when the page was back`,
    body,
  );
}

/** The user's network off for `offlineMs` while both sides send. */
export async function networkOff(bed: FaultBed, d: FaultDurations) {
  const x = await Exchange.open(bed, 'offline', d.hiddenCloseMs);
  for (let i = 0; i < ROUNDS; i++) await x.round();
  await x.context.setOffline(true);
  bed.cutConnections();
  const offAt = Date.now();
  const before = x.agent.length;
  await x.roundsUntil(() => Date.now() - offAt >= d.offlineMs, d.gapMs);
  const whileOff = x.agent.slice(before);
  const shownOffline = (await x.shown()).filter((m) => whileOff.includes(m.body)).length;
  const queued = (await x.shown()).filter((m) => m.state === 'queued').length;
  await x.context.setOffline(false);
  const backAt = Date.now();
  const catchUpMs = await x.catchUp(x.agent.at(-1)!, backAt, d.settleMs);
  return finish(
    x,
    `network off ${Math.round(d.offlineMs / 1000)} s`,
    d,
    catchUpMs,
    `${whileOff.length} agent messages sent while offline, ${shownOffline} of them shown before the network came back; ${queued} user messages queued offline`,
  );
}

/** The tab hidden for `hiddenMs`: the stream must close after `hiddenCloseMs`, and catch up when shown. */
export async function tabHidden(bed: FaultBed, d: FaultDurations) {
  const x = await Exchange.open(bed, 'hidden', d.hiddenCloseMs);
  for (let i = 0; i < ROUNDS; i++) await x.round();
  await x.page.evaluate(() => (window as any).__setHidden(true));
  const hiddenAt = Date.now();
  let closedAt: number | undefined;
  let roundsClosed = 0;
  while (Date.now() - hiddenAt < d.hiddenMs || roundsClosed < 2) {
    await x.round();
    if (closedAt) roundsClosed++;
    else {
      const s = await open(x);
      if (s.opened > 0 && s.opened === s.closed) closedAt = Date.now();
    }
    if (!closedAt && Date.now() - hiddenAt > d.hiddenCloseMs + 20_000) break;
    await sleep(d.gapMs);
  }
  await x.page.evaluate(() => (window as any).__setHidden(false));
  const shownAt = Date.now();
  const catchUpMs = await x.catchUp(x.agent.at(-1)!, shownAt, d.settleMs);
  return finish(
    x,
    `tab hidden ${Math.round(d.hiddenMs / 1000)} s`,
    d,
    catchUpMs,
    closedAt
      ? `stream closed ${((closedAt - hiddenAt) / 1000).toFixed(1)} s after hiding (hiddenCloseMs ${d.hiddenCloseMs}); ${roundsClosed} rounds sent while closed`
      : 'the stream never closed while hidden',
  );
}

/**
 * The instance the user's stream is on is killed (SIGKILL) while a round is in flight; the
 * stream must resume on the other from its last event id. Catch-up: from the kill to the agent's
 * message sent right after it. Leaves the bed with one instance: run it last.
 */
export async function instanceKilled(bed: FaultBed, d: FaultDurations) {
  const x = await Exchange.open(bed, 'kill', d.hiddenCloseMs);
  for (let i = 0; i < ROUNDS; i++) await x.round();
  const s = await open(x);
  const streamOpen = s.opened - s.closed === 1;
  const inFlight = x.round();
  await bed.instances[0]!.kill();
  const killedAt = Date.now();
  await inFlight;
  const newest = await x.agentSays();
  const catchUpMs = await x.catchUp(newest, killedAt, d.settleMs);
  return finish(
    x,
    'instance killed (SIGKILL)',
    d,
    catchUpMs,
    `${streamOpen ? 'one stream open' : 'no stream open'} on the first instance before the kill; resumed on the second`,
  );
}

/** Every fault in turn, the kill last (it leaves one instance). */
export async function runFaults(bed: FaultBed, d: FaultDurations): Promise<FaultResult[]> {
  return [
    await reloadMidSend(bed, d, 'held'),
    await reloadMidSend(bed, d, 'answer lost'),
    await networkOff(bed, d),
    await tabHidden(bed, d),
    await instanceKilled(bed, d),
  ];
}
