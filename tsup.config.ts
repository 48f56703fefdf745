import { defineConfig } from 'tsup';

// Where the code splits is said in two places only, both visible in the source: the entry points
// below, and the literal import() calls of the modules that load on first use (the client's
// sending code, src/client/create-kefu.ts; the panel and the watcher, src/widget/mount-widget.ts;
// the panel's views, src/widget/panel/view-chunks.tsx; the locale packs,
// src/widget/locales/load.ts; the diagnostics capture and player adapters). No plugin rewrites
// paths: a build that stopped matching a path would change the chunks without failing.

// Every package entry (DESIGN.md), built together so that they share chunks: a module that two
// entries use (the diagnostics capture, the FAQ engine, KefuError) is emitted once, and an app
// importing `kefu` and `kefu/widget` downloads it once.
const entries = {
  index: 'src/index.ts',
  'errors/index': 'src/errors/index.ts',
  'faq/index': 'src/faq/index.ts',
  'diagnostics/index': 'src/diagnostics/index.ts',
  'transport/index': 'src/transport/index.ts',
  'widget/index': 'src/widget/index.ts',
  'relay/index': 'src/relay/index.ts',
  'relay/node/index': 'src/relay/node/index.ts',
};

const LOCALES = ['zh-CN', 'zh-TW', 'en', 'ja', 'ko'];

export default defineConfig([
  // No source maps: the package must stay under 2 MB unpacked (test/package/tarball.test.ts), and
  // they were 3.9 of its 6.2 MB. The library files are not minified, so a stack trace still reads.
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: true,
    target: 'es2020',
    treeshake: true,
    splitting: true,
  },
  // kefu/global: types only (window.Kefu of the script-tag build), so declarations and no code.
  { entry: { global: 'src/embed-global.ts' }, format: ['esm'], dts: { only: true } },
  // The script-tag build: `<script src="kefu.iife.js">` sets window.Kefu. It holds the client
  // shell and the launcher; src/embed.ts sets window.Kefu itself, to the API rather than the
  // module's exports, so no globalName.
  {
    entry: { kefu: 'src/embed.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.iife.js' }),
    minify: true,
    target: 'es2020',
  },
  // What kefu.iife.js loads later, with import() (src/embed.ts): the panel on first open, the
  // sending code on first use, the watcher when the page is idle, each language's core words
  // beside the panel. ES modules built together, so what two of them use is one shared file
  // (kefu-chunk-*.js) that the browser downloads once, and the panel's views and the words of
  // each view are files loaded when first shown, as in a bundled app.
  {
    entry: {
      'kefu-panel': 'src/widget/panel/index.tsx',
      'kefu-runtime': 'src/embed-runtime.ts',
      'kefu-watch': 'src/embed-watch.ts',
      ...Object.fromEntries(
        LOCALES.map((locale) => [`kefu-locale-${locale}`, `src/widget/locales/${locale}.ts`]),
      ),
    },
    format: ['esm'],
    splitting: true,
    outExtension: () => ({ js: '.js' }),
    minify: true,
    target: 'es2020',
    esbuildOptions(options) {
      options.chunkNames = 'kefu-chunk-[hash]';
    },
  },
]);
