// dist/kefu-watch.js, the script-tag build's playback watcher (an ES module): kefu.iife.js
// loads it when the page is idle after init, given the widget's `video` or `player`, as a bundled
// app's mountWidget loads src/diagnostics/watch.ts with import(). A file of its own so that the
// start stays small; the player adapters load from it on demand, as in a bundled app. It keeps
// its history in memory only and hands the watcher to the panel, whose capture reads it.
export { watchPlayback } from './diagnostics/watch';
