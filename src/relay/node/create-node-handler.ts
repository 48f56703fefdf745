import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Relay } from '../relay';
import { sendFetchResponse, toFetchRequest } from './node-adapter';

/** Options of {@link createNodeHandler}. */
export interface NodeHandlerOptions {
  /**
   * Called when the relay or the socket fails outside the relay's own error handling (a client
   * that hung up mid-answer); the request then gets a bare 500 if nothing was sent yet.
   * @default console.error
   */
  onError?: (error: unknown) => void;
}

/**
 * Serves a relay from Node's `http` (or `https`, `http2` compatibility) server: each request
 * becomes a Fetch `Request` whose body is streamed, never buffered, so the relay's size caps stop
 * a huge upload early. Pass `remoteAddress: remoteAddressOf` to `createRelay` to rate-limit by the
 * socket's address.
 * @example
 * import { createServer } from 'node:http';
 * import { createRelay, createMemoryRelayStore } from 'kefu/relay';
 * import { createNodeHandler, remoteAddressOf } from 'kefu/relay/node';
 *
 * const relay = createRelay({ store: createMemoryRelayStore(), remoteAddress: remoteAddressOf });
 * createServer(createNodeHandler(relay)).listen(8787);
 */
export function createNodeHandler(
  relay: Relay,
  options: NodeHandlerOptions = {},
): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  const onError = options.onError ?? ((error: unknown) => console.error('[kefu relay]', error));
  return async (req, res) => {
    try {
      await sendFetchResponse(await relay(toFetchRequest(req)), res, req);
    } catch (error) {
      onError(error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end();
    }
  };
}
