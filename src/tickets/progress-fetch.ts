/** Upload progress of one request: bytes of the body sent so far, of `total`. */
export interface UploadProgress {
  /** The envelope id (the request's Idempotency-Key). */
  id: string;
  loaded: number;
  total: number;
}

/**
 * A fetch that reports upload progress for multipart bodies. Why XMLHttpRequest: fetch has no
 * upload progress (streaming request bodies need `duplex: 'half'` and HTTP/2, Chromium only), while
 * `xhr.upload.onprogress` works in every browser. Only FormData bodies (tickets with attachments)
 * take this path; JSON bodies and keepalive sends (pagehide) go through `base`, since XHR cannot
 * outlive the page.
 */
/* @__NO_SIDE_EFFECTS__ */
export function createProgressFetch(
  base: () => typeof fetch,
  onProgress: (progress: UploadProgress) => void,
): typeof fetch {
  return (input, init = {}) => {
    if (!(init.body instanceof FormData) || init.keepalive || typeof XMLHttpRequest !== 'function')
      return base()(input, init);
    return new Promise<Response>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      const headers = new Headers(init.headers);
      const id = headers.get('Idempotency-Key') ?? '';
      xhr.open(init.method ?? 'POST', String(input instanceof Request ? input.url : input));
      headers.forEach((value, name) => xhr.setRequestHeader(name, value));
      xhr.responseType = 'arraybuffer';
      xhr.upload.onprogress = (e) =>
        onProgress({ id, loaded: e.loaded, total: e.lengthComputable ? e.total : 0 });
      xhr.onload = () => {
        const responseHeaders = new Headers();
        for (const line of xhr
          .getAllResponseHeaders()
          .trim()
          .split(/[\r\n]+/)) {
          const at = line.indexOf(':');
          if (at > 0) responseHeaders.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
        }
        // A null-body status (204, 304) must be built without a body.
        const body = [204, 205, 304].includes(xhr.status) ? null : xhr.response;
        resolve(
          new Response(body, {
            status: xhr.status,
            statusText: xhr.statusText,
            headers: responseHeaders,
          }),
        );
      };
      xhr.onerror = () => reject(new TypeError('Network request failed'));
      xhr.onabort = () => reject(new DOMException('The request was aborted', 'AbortError'));
      init.signal?.addEventListener('abort', () => xhr.abort());
      if (init.signal?.aborted) return xhr.abort();
      xhr.send(init.body as FormData);
    });
  };
}
