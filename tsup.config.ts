import { rolldown, type OutputChunk, type OutputOptions } from 'rolldown';
import { defineConfig, type Options } from 'tsup';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('./src/', import.meta.url));

type Plugin = NonNullable<Options['esbuildPlugins']>[number];

/**
 * A plugin that fails the build when it stopped applying: each of these matches paths, and a
 * renamed file would otherwise change the chunks without a word (the start cost would grow).
 */
const mustApply = (plugin: Plugin, what: string): Plugin => ({
  name: plugin.name,
  setup(build) {
    let applied = 0;
    const { onResolve } = build;
    build.onResolve = (options, callback) =>
      onResolve.call(build, options, async (args) => {
        const result = await callback(args);
        if (result) applied++;
        return result;
      });
    plugin.setup(build);
    build.onStart(() => {
      applied = 0;
    });
    build.onEnd((result) => {
      if (!result.errors.length && applied === 0)
        throw new Error(`${plugin.name} applied to no import: ${what} (tsup.config.ts)`);
    });
  },
});

// The headless entries, each its own subpath (DESIGN.md), built together so they share chunks.
const subpaths = {
  'errors/index': 'src/errors/index.ts',
  'faq/index': 'src/faq/index.ts',
  'diagnostics/index': 'src/diagnostics/index.ts',
  'transport/index': 'src/transport/index.ts',
  'relay/index': 'src/relay/index.ts',
  'relay/node/index': 'src/relay/node/index.ts',
};

/**
 * The `kefu` entry imports its re-exported subpaths and its errors as the package's own subpaths
 * (`kefu/transport`, `kefu/errors`, …) instead of bundling them. Why: a bundler that splits code
 * assigns a file to the start chunk when the entry can reach it, tree-shaken or not, so a
 * re-export of `kefu/transport` in the same build pulled the lazily loaded sending code (and zod)
 * into what every app pays at start (17 KB instead of 2 KB, measured with esbuild). The client's
 * lazily loaded runtime bundles its own copy of the transport, reached only through import().
 * Errors stay one module, so `instanceof KefuError` holds across entries.
 */
const selfReferences: Plugin = {
  name: 'kefu-self-references',
  setup(build) {
    build.onResolve(
      { filter: /^\.\.?\/(\.\.\/)*(errors|transport|faq|diagnostics)(\/[\w-]+)?$/ },
      (args) => {
        const target = fileURLToPath(new URL(args.path, `file://${args.resolveDir}/`));
        const name = target.slice(src.length);
        // The wording of schema issues and the error codes with isKefuError are stateless: each
        // build bundles its own, so that the sending code does not import them through
        // kefu/errors, which the start loads for KefuError (a file both reach is loaded at start:
        // 0.3 KB gzip for the wording, 0.1–0.3 KB for the codes, test/size/widget.test.ts).
        if (name === 'errors/format-issues' || name === 'errors/codes') return undefined;
        // Any other file of src/errors, so that every build throws the one KefuError class.
        if (name === 'errors' || name.startsWith('errors/'))
          return { path: 'kefu/errors', external: true };
        if (args.importer === `${src}index.ts` && /^(transport|faq|diagnostics)$/.test(name))
          return { path: `kefu/${name}`, external: true };
        return undefined;
      },
    );
  },
};

/**
 * kefu/diagnostics loads most of its code with import() on the first capture. esbuild, and so an
 * app's esbuild-based bundler, splits code by file: a file reached both from the entry's static
 * imports and from a lazily loaded chunk becomes a shared chunk loaded at start, even when the
 * entry uses none of it. The `kefu` entry re-exports parseUserAgent and redactUrl, so
 * user-agent.ts (with ua-device.ts and ua-tables.ts) and redact.ts, which the lazy chunks use too, cost every app
 * 2.9 KB gzip at start
 * (measured as test/size/widget.test.ts does). The lazily loaded modules therefore import copies
 * of their own of those two files: the same source as a separate module, which the entry never
 * reaches. Both are stateless, so two copies behave as one. scrub-text.ts is what the playback
 * watcher loads with its first error: without its copy, that import() made redact.ts a file
 * shared by a lazy chunk and the entry, loaded at start by esbuild (+1 KB gzip).
 */
const LAZY_DIAGNOSTICS =
  /\/src\/diagnostics\/(collect|device|video|throughput|probe|capabilities|frame|scrub-text|players\/[\w-]+)\.ts$/;
const lazyCopies: Plugin = {
  name: 'kefu-lazy-copies',
  setup(build) {
    build.onResolve(
      { filter: /^\.\.?\/(\.\.\/)?(redact|user-agent|ua-device|ua-tables)$/ },
      (args) => {
        // A copy's own imports (user-agent.ts imports ua-device.ts and ua-tables.ts) are copies too.
        if (args.namespace !== 'kefu-lazy-copy' && !LAZY_DIAGNOSTICS.test(args.importer))
          return undefined;
        return { path: `${resolve(args.resolveDir, args.path)}.ts`, namespace: 'kefu-lazy-copy' };
      },
    );
    build.onLoad({ filter: /.*/, namespace: 'kefu-lazy-copy' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'ts',
      resolveDir: dirname(args.path),
    }));
  },
};

const LOCALES = ['zh-CN', 'zh-TW', 'en', 'ja', 'ko'];

/** The script-tag modules' entries, by file name (without .js). */
const SCRIPT_TAG_ENTRIES: Record<string, string> = {
  'kefu-core': 'src/embed-core.ts',
  'kefu-panel': 'src/widget/panel/index.tsx',
  'kefu-runtime': 'src/embed-runtime.ts',
  'kefu-watch': 'src/embed-watch.ts',
  ...Object.fromEntries(
    LOCALES.map((locale) => [`kefu-locale-${locale}`, `src/widget/locales/${locale}.ts`]),
  ),
};

/** The chunks of the script-tag modules' build, by file name. */
export type Chunks = Map<string, OutputChunk>;

/** The chunks a file imports statically, directly or not: they load with it. */
const importsOf = (chunks: Chunks, file: string, seen = new Set<string>()): Set<string> => {
  for (const path of chunks.get(file)?.imports ?? [])
    if (!seen.has(path)) importsOf(chunks, path, seen.add(path));
  return seen;
};

/**
 * Each import() of a chunk inside the script-tag files (a view, the capture, a language's words)
 * also asks for the chunks that chunk imports, directly or not, so that opening an article or the
 * ticket form takes one round trip instead of three or four. `import(`./kefu-chunk-a.js`)` becomes
 * `[import(`./kefu-chunk-a.js`),Promise.allSettled([…])][0]`: the same promise, and a chunk that
 * fails to load fails it as before. Fails the build if it rewrote none (rolldown writing import()
 * another way).
 */
function fetchChunksTogether(chunks: Chunks): void {
  let rewrites = 0;
  for (const chunk of chunks.values()) {
    // What this file imports statically is loaded already: not asked for again.
    const loaded = importsOf(chunks, chunk.fileName);
    chunk.code = chunk.code.replace(
      /import\((["'`])\.\/(kefu-chunk-[a-z0-9]+\.js)\1\)/g,
      (call, _quote, file: string) => {
        if (!chunks.has(file)) throw new Error(`kefu-fetch-chunks-together: no chunk ${file}`);
        const more = [...importsOf(chunks, file)].filter((path) => !loaded.has(path));
        if (!more.length) return call;
        rewrites++;
        const fetches = more.map((path) => `import("./${path}")`).join(',');
        return `[${call},Promise.allSettled([${fetches}])][0]`;
      },
    );
  }
  if (!rewrites) throw new Error('kefu-fetch-chunks-together rewrote no import() of a chunk');
}

/**
 * kefu.iife.js asks for each file of the script-tag build together with every chunk that file
 * imports, directly or not (src/widget/load-module.ts): loaded alone, a file's chunks download
 * only once it has, a round trip per level. The list goes into kefu.iife.js in place of
 * 'kefu:static-imports', as `file hash hash;file hash` (a chunk is kefu-chunk-<hash>.js).
 */
const staticImportList = (chunks: Chunks): string =>
  [...chunks.values()]
    .filter((chunk) => chunk.isEntry)
    .map((chunk) => [chunk.fileName, ...importsOf(chunks, chunk.fileName)])
    .filter((files) => files.length > 1)
    .map((files) => files.map((file) => file.replace(/^kefu-chunk-|\.js$/g, '')).join(' '))
    .join(';');

/**
 * Fails the build when an entry file would load another with it (each is loaded on its own
 * occasion: the client, the panel, the sending code, the watcher, one language), or when
 * kefu-panel.js imports a file that no other entry imports (the panel's code split again).
 */
function checkEntryFiles(chunks: Chunks): void {
  const entries = Object.keys(SCRIPT_TAG_ENTRIES).map((name) => `${name}.js`);
  const shared = new Set<string>();
  for (const entry of entries) {
    const imports = importsOf(chunks, entry);
    const loaded = entries.filter((other) => imports.has(other));
    if (loaded.length) throw new Error(`kefu-entry-files: ${entry} imports ${loaded.join(', ')}`);
    if (entry !== 'kefu-panel.js') for (const file of imports) shared.add(file);
  }
  const own = [...importsOf(chunks, 'kefu-panel.js')].filter((file) => !shared.has(file));
  if (own.length)
    throw new Error(`kefu-entry-files: the panel's code is split into ${own.join(', ')}`);
}

/**
 * What kefu.iife.js loads later, with import() (src/embed.ts): the panel on first open, the
 * sending code on first use, the watcher when the page is idle, each language's core words beside
 * the panel. ES modules built together by rolldown, so what two of them use is one shared file
 * (kefu-chunk-<hash>.js) that the browser downloads once, and the panel's views and the words of
 * each view are files loaded when first shown, as in a bundled app. Rolldown rather than esbuild
 * (as tsup): its output of the same modules is smaller, by 0.9 KB gzip from a cold page to a
 * search answering and 2.5 KB over the journey to "my tickets" (test/browser/journey.test.ts).
 * Where the code splits: these entries, and the literal import() calls of the modules loaded on
 * first use. Writes them to dist/ (or only returns them: `npm run bench -- search-path`), with
 * kefu.iife.js's list of each file's chunks.
 */
export async function buildScriptTagModules(
  write = true,
): Promise<{ list: string; chunks: Chunks }> {
  const bundle = await rolldown({
    input: SCRIPT_TAG_ENTRIES,
    // A page without a bundler resolves no package names: Preact and signals are bundled in.
    cwd: fileURLToPath(new URL('./', import.meta.url)),
    // An entry file may export more than its module does, so what only the panel and its views
    // share (Preact, the signals, the FAQ search, the panel's helpers) is kefu-panel.js itself,
    // which the views import once it has loaded. With 'strict' it was ten files on the tap, which
    // gzip compresses apart: 1.3 KB more to a search answering, and the sending code's files
    // 0.8 KB more (test/browser/journey.test.ts). checkEntryFiles keeps it so.
    preserveEntrySignatures: 'allow-extension',
    tsconfig: 'tsconfig.json',
    platform: 'browser',
    transform: { target: 'es2020' },
  });
  try {
    const chunks: Chunks = new Map();
    const options: OutputOptions = {
      dir: fileURLToPath(new URL('./dist/', import.meta.url)),
      format: 'es',
      minify: true,
      entryFileNames: '[name].js',
      chunkFileNames: 'kefu-chunk-[hash].js',
      hashCharacters: 'base36',
      // Chinese, Japanese and Korean words are written as UTF-8, not \u escapes (3 bytes a
      // character instead of 6): these are ES modules, which browsers always decode as UTF-8.
      // kefu.iife.js (esbuild) stays ASCII: a classic script is decoded in the page's charset.
      plugins: [
        {
          name: 'kefu-chunk-imports',
          generateBundle(_, files) {
            for (const file of Object.values(files))
              if (file.type === 'chunk') chunks.set(file.fileName, file);
            fetchChunksTogether(chunks);
          },
        },
      ],
    };
    await (write ? bundle.write(options) : bundle.generate(options));
    if (!chunks.size) throw new Error('the script-tag modules built no chunk');
    checkEntryFiles(chunks);
    return { list: staticImportList(chunks), chunks };
  } finally {
    await bundle.close();
  }
}

// Started by kefu.iife.js's build, which waits for its list (one build per run: `tsup --watch`
// would keep the first list).
let scriptTagModules: Promise<string> | undefined;
const PLACEHOLDER = /(["'`])kefu:static-imports\1/g;
const writeImports: NonNullable<Options['plugins']>[number] = {
  name: 'kefu-write-imports',
  buildStart() {
    scriptTagModules = buildScriptTagModules().then(({ list }) => list);
    // Awaited in renderChunk; a failure before then must not go unhandled.
    scriptTagModules.catch(() => {});
  },
  async renderChunk(code) {
    const list = await scriptTagModules!;
    const found = code.match(PLACEHOLDER)?.length ?? 0;
    if (found !== 1)
      throw new Error(
        `kefu-write-imports: kefu.iife.js holds 'kefu:static-imports' ${found} times, not once (src/widget/load-module.ts)`,
      );
    return { code: code.replace(PLACEHOLDER, JSON.stringify(list)) };
  },
};

// Where the code splits, besides the plugins above: the entry points below and the script-tag
// modules' (buildScriptTagModules), and the literal import() calls of the modules loaded on first
// use (the client's sending code, the panel, its views, src/widget/panel/view-chunks.tsx, and
// their words, src/widget/locales/load.ts and each language's core file).
// No source maps: the package must stay under 2 MB unpacked (test/package/tarball.test.ts), and
// they were 3.9 of its 6.2 MB. For the same reason the library's whitespace and syntax are
// minified (a sixth of the package), but not its names: a stack trace still names each function.
const library: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2020',
  treeshake: true,
  splitting: true,
  esbuildOptions(options) {
    options.minifyWhitespace = true;
    options.minifySyntax = true;
  },
};

// `kefu` and `kefu/widget` run in browsers, through bundlers that all read ES modules (and Node
// from 20.19 requires them too), so they ship no CommonJS copy: it was a sixth of the package.
// The server's entries (kefu/relay, kefu/relay/node) and the headless ones keep both.
const browserOnly: Options = { ...library, format: ['esm'] };

export default defineConfig([
  {
    ...library,
    entry: subpaths,
    esbuildPlugins: [
      mustApply(lazyCopies, 'the lazy diagnostics modules import redact and user-agent'),
    ],
  },
  // The widget is a build of its own, so its lazily loaded panel bundles private copies of the FAQ
  // and diagnostics code it uses. Built with the subpaths, those modules were chunks that `kefu`'s
  // re-exports also reach, and an app importing `kefu` and `kefu/widget` paid for them at start
  // (24 KB instead of 7 KB gzip, measured with esbuild as test/size/widget.test.ts does).
  {
    ...browserOnly,
    entry: { 'widget/index': 'src/widget/index.ts' },
    esbuildPlugins: [mustApply(selfReferences, 'src/errors and the re-exported subpaths')],
    external: [/^kefu\//],
  },
  {
    ...browserOnly,
    entry: { index: 'src/index.ts' },
    esbuildPlugins: [mustApply(selfReferences, 'src/errors and the re-exported subpaths')],
    external: [/^kefu\//],
  },
  // kefu/global: types only (window.Kefu of the script-tag build), so declarations and no code.
  { entry: { global: 'src/embed-global.ts' }, format: ['esm'], dts: { only: true } },
  // The script-tag build: `<script src="kefu.iife.js">` sets window.Kefu. It holds the client
  // shell and the launcher; src/embed.ts sets window.Kefu itself, to the API rather than the
  // module's exports, so no globalName. Its build starts the modules' (buildScriptTagModules).
  {
    entry: { kefu: 'src/embed.ts' },
    format: ['iife'],
    outExtension: () => ({ js: '.iife.js' }),
    plugins: [writeImports],
    minify: true,
    target: 'es2020',
  },
]);
