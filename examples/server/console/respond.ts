import type { IncomingMessage, ServerResponse } from 'node:http';
import { html } from './html';
import { CONSOLE_HEADERS, layout, type PageAgent } from './layout';

/** Sends a console page. */
export function page(res: ServerResponse, status: number, body: string): void {
  res.writeHead(status, CONSOLE_HEADERS).end(body);
}

/** A console page that says one thing: `title` as its heading, then `text`. */
export function messagePage(
  res: ServerResponse,
  status: number,
  title: string,
  text: string,
  agent?: PageAgent,
): void {
  page(res, status, layout(title, html`<section><h1>${title}</h1><p>${text}</p></section>`, agent));
}

/** A 404 page that says what was not found. */
export function notFound(res: ServerResponse, what: string, agent?: PageAgent): void {
  messagePage(res, 404, 'Not found', what, agent);
}

/** Answers 405 with the one method a route takes. */
export function onlyPost(res: ServerResponse): true {
  res.writeHead(405, { Allow: 'POST' }).end();
  return true;
}

/** Answers 405 to a page that is only read. */
export function onlyGet(res: ServerResponse): true {
  res.writeHead(405, { Allow: 'GET, HEAD' }).end();
  return true;
}

/**
 * True when the console's script sent the form (it asks for JSON and gets a short answer
 * instead of a redirect to a whole page); a plain form post gets pages.
 */
export function wantsJson(req: IncomingMessage): boolean {
  return (req.headers.accept ?? '').includes('application/json');
}

/** A JSON answer to the console's script. */
export function json(res: ServerResponse, status: number, body: unknown): void {
  res
    .writeHead(status, {
      'Content-Type': 'application/json; charset=utf-8',
      'Cache-Control': 'no-store',
      'X-Content-Type-Options': 'nosniff',
    })
    .end(JSON.stringify(body));
}

/** Decodes a path segment; undefined for broken percent-encoding. */
export function decodeSegment(segment: string): string | undefined {
  try {
    return decodeURIComponent(segment);
  } catch {
    return undefined;
  }
}
