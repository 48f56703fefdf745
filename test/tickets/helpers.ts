import { afterEach, vi } from 'vitest';
import { createKefu, type Kefu, type KefuConfig } from 'kefu';
import { createMemoryStore } from '../../src/storage';

export interface Call {
  method: string;
  url: string;
  path: string;
  headers: Headers;
  body: unknown;
}

/** A fake support endpoint routed by `METHOD /path`; records every request. */
export function fakeServer(reply: (call: Call) => Response | Promise<Response>) {
  const calls: Call[] = [];
  const fetch = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const request = new Request(input, init);
    const type = request.headers.get('content-type') ?? '';
    const body =
      request.method === 'GET'
        ? undefined
        : type.includes('json')
          ? await request.json()
          : await request.formData();
    const url = new URL(request.url);
    const call = {
      method: request.method,
      url: request.url,
      path: url.pathname.replace(/^\/api/, ''),
      headers: request.headers,
      body,
    };
    calls.push(call);
    return reply(call);
  });
  return {
    fetch: fetch as unknown as typeof globalThis.fetch,
    calls,
    writes: () => calls.filter((c) => c.method === 'POST' && c.path !== '/events'),
  };
}

export const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const clients: Kefu[] = [];
/** A client on memory storage (shared across "reloads" when passed) with events off unless asked. */
export function client(config: Partial<KefuConfig> & { fetch: typeof fetch }): Kefu {
  const kefu = createKefu({
    endpoint: 'https://support.example.com/api',
    appId: 'demo',
    locale: 'zh-CN',
    storage: createMemoryStore(),
    events: false,
    ...config,
  });
  clients.push(kefu);
  return kefu;
}
afterEach(() => {
  for (const kefu of clients.splice(0)) kefu.destroy();
});

/** The envelope of a recorded write, JSON or multipart. */
export function envelopeOf(call: Call): any {
  return call.body instanceof FormData ? JSON.parse(String(call.body.get('envelope'))) : call.body;
}
