import { createServer, request as httpRequest, type Server } from 'node:http';

/** A loopback proxy in front of a helpdesk that can lose answers after the helpdesk committed. */
export interface DropProxy {
  url: string;
  /** Drops the answers of the next `count` requests that match: the upstream has done the work. */
  dropNext(count: number, match: (method: string, path: string) => boolean): void;
  /** Drops the answer of every request the predicate picks (e.g. a seeded 20% of creates). */
  dropWhere(pick: ((method: string, path: string) => boolean) | undefined): void;
  /** Holds matching answers forever (a worker that died mid-forward never sees them). */
  hold(match: ((method: string, path: string) => boolean) | undefined): void;
  /** How many answers were dropped or held so far. */
  readonly lost: number;
  close(): Promise<void>;
}

/** Starts a proxy on 127.0.0.1 that forwards every request to `upstream` (also on loopback). */
export async function startDropProxy(upstream: string): Promise<DropProxy> {
  const target = new URL(upstream);
  let drops: { count: number; match: (method: string, path: string) => boolean } | undefined;
  let holdMatch: ((method: string, path: string) => boolean) | undefined;
  let pickDrop: ((method: string, path: string) => boolean) | undefined;
  let lost = 0;
  const server: Server = createServer((req, res) => {
    const upstreamRequest = httpRequest(
      {
        host: target.hostname,
        port: target.port,
        method: req.method,
        path: req.url,
        headers: req.headers,
      },
      (answer) => {
        const method = req.method ?? 'GET';
        const path = req.url ?? '/';
        const chunks: Buffer[] = [];
        answer.on('data', (c: Buffer) => chunks.push(c));
        answer.on('end', () => {
          if (holdMatch?.(method, path)) return void (lost += 1);
          const counted = drops && drops.count > 0 && drops.match(method, path);
          if (counted || pickDrop?.(method, path)) {
            if (counted) drops!.count -= 1;
            lost += 1;
            // The upstream has answered (and committed): the client sees a connection cut instead.
            return void res.socket?.destroy();
          }
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          res.end(Buffer.concat(chunks));
        });
      },
    );
    upstreamRequest.on('error', () => res.socket?.destroy());
    req.pipe(upstreamRequest);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}`,
    dropNext: (count, match) => void (drops = { count, match }),
    hold: (match) => void (holdMatch = match),
    dropWhere: (pick) => void (pickDrop = pick),
    get lost() {
      return lost;
    },
    close: () =>
      new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))),
  };
}
