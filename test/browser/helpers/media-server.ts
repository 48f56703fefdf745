import { build } from 'esbuild';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { handleMedia } from '../../../examples/server/media';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** A tiny server for the diagnostics browser tests: pages, kefu/diagnostics, hls.js, and /media/. */
export interface MediaTestServer {
  url: string;
  /** Headers added to every /media/ answer (a CDN that leaks a token in `via`, say). */
  mediaHeaders: Record<string, string>;
  close(): Promise<void>;
}

/**
 * A second origin (another loopback port) serving /media/ with every CORS header removed: a video
 * from it is cross-origin, and its frames taint a canvas.
 */
export async function startNoCorsMediaServer(): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const writeHead = res.writeHead.bind(res) as (
      status: number,
      headers?: Record<string, unknown>,
    ) => ServerResponse;
    (res as unknown as { writeHead: typeof writeHead }).writeHead = (status, headers = {}) =>
      writeHead(
        status,
        Object.fromEntries(Object.entries(headers).filter(([k]) => !/^access-control-/i.test(k))),
      );
    if (new URL(req.url ?? '/', 'http://x').pathname.startsWith('/media/'))
      handleMedia(req, res, { mediaDir: root + 'examples/media', faults: true });
    else res.writeHead(404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise((r) => server.close(() => r())),
  };
}

/**
 * Starts the server on a free loopback port. kefu/diagnostics is bundled from src with esbuild
 * (ESM, split like an app's bundler would: player adapters are separate chunks loaded on demand),
 * so the tests do not depend on other entries building.
 */
export async function startMediaServer(): Promise<MediaTestServer> {
  const bundle = await build({
    entryPoints: { index: root + 'src/diagnostics/index.ts' },
    bundle: true,
    format: 'esm',
    splitting: true,
    target: 'es2020',
    outdir: '/kefu',
    write: false,
    logLevel: 'silent',
  });
  const files = new Map(
    bundle.outputFiles.map((f) => [f.path.replace(/^.*\/kefu\//, '/kefu/'), f.text]),
  );
  const hls = readFileSync(root + 'node_modules/hls.js/dist/hls.min.js', 'utf8');
  const state: MediaTestServer = { url: '', mediaHeaders: {}, close: async () => undefined };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/media/')) {
      for (const [k, v] of Object.entries(state.mediaHeaders)) res.setHeader(k, v);
      handleMedia(req, res, { mediaDir: root + 'examples/media', faults: true });
      return;
    }
    const js = files.get(path) ?? (path === '/vendor/hls.js' ? hls : undefined);
    if (js !== undefined) {
      res.writeHead(200, { 'content-type': 'text/javascript' }).end(js);
      return;
    }
    if (path.startsWith('/pages/') && /^[\w/-]+\.html$/.test(path.slice(7))) {
      try {
        res
          .writeHead(200, { 'content-type': 'text/html' })
          .end(readFileSync(root + 'test/browser/pages/diagnostics/' + path.slice(7)));
      } catch {
        res.writeHead(404).end();
      }
      return;
    }
    // Chromium probes for a favicon at a moment of its choosing; its 404 would be logged as the
    // page's console error and fail a test that expects none.
    res.writeHead(path === '/favicon.ico' ? 204 : 404).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  state.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  state.close = () => new Promise((r) => server.close(() => r()));
  return state;
}
