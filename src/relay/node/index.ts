// kefu/relay/node: the relay served from Node's http server, bodies streamed both ways.
export { createNodeHandler } from './create-node-handler';
export type { NodeHandlerOptions } from './create-node-handler';
export {
  applyTimeouts,
  createNodeClientAddress,
  DEFAULT_TIMEOUTS,
  REFUSAL_LINGER,
  remoteAddressOf,
  sendFetchResponse,
  toFetchRequest,
} from './node-adapter';
export type { ServerTimeouts } from './node-adapter';
export { acceptedEncoding } from './compress';
