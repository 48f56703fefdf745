// What the playback watcher loads with its first error: redactText. A module of its own so that
// the build gives it a copy of redact.ts that no entry imports statically (tsup.config.ts,
// kefu-lazy-copies): loaded with import() straight from redact.ts, the file kefu/diagnostics
// imports at start became a chunk shared with a lazy one, which an app bundling kefu and
// kefu/widget with esbuild then loaded at start (+1 KB gzip, as test/size/widget.test.ts measures).
export { redactText } from './redact';
