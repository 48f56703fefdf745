import { randomUUID } from 'node:crypto';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

/** One request as the server logs it: a JSON object written as one line. */
export interface ServerLogEntry {
  time: string;
  method: string;
  /** The path without its query string (queries may carry search terms a log should not keep). */
  path: string;
  status: number;
  ms: number;
  requestId: string;
}

/** Request accounting for graceful shutdown, with one log entry per finished request. */
export interface Lifecycle {
  /** True once shutdown began: `/readyz` then answers 503 so a load balancer stops sending. */
  readonly draining: boolean;
  readonly inFlight: number;
  /** The request id given to a request (its sane `X-Request-Id`, else a new UUID). */
  requestIdOf(req: IncomingMessage): string;
  /**
   * Stops accepting connections, lets requests in flight finish, closes idle keep-alive
   * connections, and after `deadlineMs` cuts whatever is still open so shutdown always ends.
   * Resolves to how many requests were cut.
   */
  shutdown(deadlineMs: number): Promise<number>;
}

// Same rule as the relay: echo only short, plain ids so a caller cannot forge log lines.
const REQUEST_ID = /^[\w.:-]{1,128}$/;

/** Attaches request counting and logging to a Node HTTP server before it listens. */
export function trackRequests(server: Server, log: (entry: ServerLogEntry) => void): Lifecycle {
  let draining = false;
  let inFlight = 0;
  let idle: (() => void) | undefined;
  const ids = new WeakMap<IncomingMessage, string>();
  const open = new Set<ServerResponse>();

  // Prepended so the id header is set before any handler writes its answer.
  server.prependListener('request', (req: IncomingMessage, res: ServerResponse) => {
    const started = performance.now();
    const sent = req.headers['x-request-id'];
    const requestId = typeof sent === 'string' && REQUEST_ID.test(sent) ? sent : randomUUID();
    ids.set(req, requestId);
    res.setHeader('X-Request-Id', requestId);
    // A keep-alive client would otherwise hold its connection open through the drain.
    if (draining) res.setHeader('Connection', 'close');
    inFlight += 1;
    open.add(res);
    res.once('close', () => {
      inFlight -= 1;
      open.delete(res);
      const path = (req.url ?? '/').split('?')[0]!;
      log({
        time: new Date().toISOString(),
        method: req.method ?? 'GET',
        path,
        status: res.statusCode,
        ms: Math.round((performance.now() - started) * 10) / 10,
        requestId,
      });
      if (inFlight === 0) idle?.();
    });
  });

  return {
    get draining() {
      return draining;
    },
    get inFlight() {
      return inFlight;
    },
    requestIdOf: (req) => ids.get(req) ?? 'unknown',
    async shutdown(deadlineMs) {
      draining = true;
      for (const res of open) if (!res.headersSent) res.setHeader('Connection', 'close');
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      let cut = 0;
      if (inFlight > 0) {
        const drained = new Promise<boolean>((resolve) => (idle = () => resolve(true)));
        const timer = new Promise<boolean>((resolve) =>
          setTimeout(() => resolve(false), deadlineMs).unref(),
        );
        if (!(await Promise.race([drained, timer]))) cut = inFlight;
      }
      server.closeAllConnections();
      await closed;
      return cut;
    },
  };
}
