// dist/kefu-runtime.js, the script-tag build's sending code (an ES module): the config
// check, the wire schemas, transport, outbox, forms and drafts. kefu.iife.js loads it on first use (a
// submission, `ready()`, a form, or pending submissions found at start), as a bundled app's
// createKefu loads the same code with import().
export { startRuntime } from './client/runtime';
