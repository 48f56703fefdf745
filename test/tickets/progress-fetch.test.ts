import { afterEach, describe, expect, it, vi } from 'vitest';
import { createProgressFetch, type UploadProgress } from '../../src/tickets';

/** A scripted XMLHttpRequest: records what was sent, then plays `script` against the handlers. */
function fakeXhr(script: (xhr: FakeXhr) => void) {
  const made: FakeXhr[] = [];
  class FakeXhr {
    method = '';
    url = '';
    headers: Record<string, string> = {};
    status = 0;
    statusText = '';
    response: ArrayBuffer | null = null;
    responseType = '';
    responseHeaders = '';
    upload: {
      onprogress?: (e: { loaded: number; total: number; lengthComputable: boolean }) => void;
    } = {};
    onload?: () => void;
    onerror?: () => void;
    onabort?: () => void;
    body: unknown;
    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }
    setRequestHeader(name: string, value: string) {
      this.headers[name] = value;
    }
    getAllResponseHeaders() {
      return this.responseHeaders;
    }
    send(body: unknown) {
      this.body = body;
      made.push(this);
      queueMicrotask(() => script(this));
    }
    abort() {
      this.onabort?.();
    }
  }
  vi.stubGlobal('XMLHttpRequest', FakeXhr);
  return made;
}
type FakeXhr = ReturnType<typeof fakeXhr>[number];

afterEach(() => vi.unstubAllGlobals());

const multipart = () => {
  const form = new FormData();
  form.append('envelope', '{}');
  return form;
};

describe('upload progress through XMLHttpRequest', () => {
  it('reports progress with the envelope id and turns the answer into a Response', async () => {
    const made = fakeXhr((xhr) => {
      xhr.upload.onprogress?.({ loaded: 50, total: 100, lengthComputable: true });
      xhr.upload.onprogress?.({ loaded: 100, total: 100, lengthComputable: true });
      xhr.status = 201;
      xhr.responseHeaders = 'content-type: application/json\r\nretry-after: 3';
      xhr.response = new TextEncoder().encode('{"id":"T-1","status":"open"}').buffer as ArrayBuffer;
      xhr.onload?.();
    });
    const progress: UploadProgress[] = [];
    const base = vi.fn();
    const send = createProgressFetch(
      () => base,
      (p) => progress.push(p),
    );
    const response = await send('https://s.example/api/tickets', {
      method: 'POST',
      body: multipart(),
      headers: { 'Idempotency-Key': 'env-1' },
    });
    expect(base).not.toHaveBeenCalled();
    expect(made[0]).toMatchObject({
      method: 'POST',
      url: 'https://s.example/api/tickets',
      headers: { 'Idempotency-Key': 'env-1' },
    });
    expect(progress).toEqual([
      { id: 'env-1', loaded: 50, total: 100 },
      { id: 'env-1', loaded: 100, total: 100 },
    ]);
    expect(response.status).toBe(201);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(await response.json()).toEqual({ id: 'T-1', status: 'open' });
  });

  it('leaves JSON bodies and keepalive sends to fetch, which can outlive the page', async () => {
    const made = fakeXhr(() => {});
    const base = vi.fn(async () => new Response('{}'));
    const send = createProgressFetch(
      () => base as unknown as typeof fetch,
      () => {},
    );
    await send('https://s.example/api/feedback', { method: 'POST', body: '{}' });
    await send('https://s.example/api/tickets', {
      method: 'POST',
      body: multipart(),
      keepalive: true,
    });
    expect(base).toHaveBeenCalledTimes(2);
    expect(made).toHaveLength(0);
  });

  it('rejects like fetch on a network error, so the outbox retries', async () => {
    fakeXhr((xhr) => xhr.onerror?.());
    const send = createProgressFetch(
      () => fetch,
      () => {},
    );
    await expect(
      send('https://s.example/api/tickets', { method: 'POST', body: multipart() }),
    ).rejects.toThrow(TypeError);
  });

  it('aborts the upload when the signal fires (the transport’s timeout)', async () => {
    fakeXhr(() => {});
    const controller = new AbortController();
    const send = createProgressFetch(
      () => fetch,
      () => {},
    );
    const pending = send('https://s.example/api/tickets', {
      method: 'POST',
      body: multipart(),
      signal: controller.signal,
    });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('builds a 204 answer without a body', async () => {
    fakeXhr((xhr) => {
      xhr.status = 204;
      xhr.response = new ArrayBuffer(0);
      xhr.onload?.();
    });
    const response = await createProgressFetch(
      () => fetch,
      () => {},
    )('https://s.example/x', { method: 'POST', body: multipart() });
    expect(response.status).toBe(204);
  });
});
