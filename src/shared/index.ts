// Ground code that both sides import (the browser's transport and the server's relay): pure
// functions, no dependencies, nothing touched at import. Not a package entry of its own: the
// public entries re-export what users need (kefu/transport the retry timing, kefu/relay
// escapeHtml).
export { backoffDelay, parseRetryAfter, retryDelay } from './retry-timing';
export type { BackoffOptions } from './retry-timing';
export { escapeHtml } from './escape-html';
