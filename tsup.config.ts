import { defineConfig, type Options } from 'tsup';
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const src = fileURLToPath(new URL('./src/', import.meta.url));

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
const selfReferences: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'kefu-self-references',
  setup(build) {
    build.onResolve(
      { filter: /^\.\.?\/(\.\.\/)*(errors|transport|faq|diagnostics)(\/[\w-]+)?$/ },
      (args) => {
        const target = fileURLToPath(new URL(args.path, `file://${args.resolveDir}/`));
        const name = target.slice(src.length);
        // Any file of src/errors, so that every build throws the one KefuError class.
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
 * user-agent.ts and redact.ts, which the lazy chunks use too, cost every app 2.9 KB gzip at start
 * (measured as test/size/widget.test.ts does). The lazily loaded modules therefore import copies
 * of their own of those two files: the same source as a separate module, which the entry never
 * reaches. Both are stateless, so two copies behave as one.
 */
const LAZY_DIAGNOSTICS =
  /\/src\/diagnostics\/(collect|device|video|throughput|probe|capabilities|frame|players\/[\w-]+)\.ts$/;
const lazyCopies: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'kefu-lazy-copies',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(\.\.\/)?(redact|user-agent)$/ }, (args) => {
      if (!LAZY_DIAGNOSTICS.test(args.importer)) return undefined;
      return { path: `${resolve(args.resolveDir, args.path)}.ts`, namespace: 'kefu-lazy-copy' };
    });
    build.onLoad({ filter: /.*/, namespace: 'kefu-lazy-copy' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'ts',
      resolveDir: dirname(args.path),
    }));
  },
};

/** The script-tag panel's FAQ loader comes from kefu-runtime.js (src/widget/panel/faq-load-script-tag.ts says why). */
const faqLoadFromRuntime: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'kefu-faq-load-from-runtime',
  setup(build) {
    build.onResolve({ filter: /\/faq\/load$/ }, (args) =>
      args.importer.endsWith('/widget/panel/faq-source.ts')
        ? { path: `${src}widget/panel/faq-load-script-tag.ts` }
        : undefined,
    );
  },
};

/** The script-tag panel loads each locale pack as a file of its own (src/widget/locales/load-script-tag.ts says why). */
const localePackFiles: NonNullable<Options['esbuildPlugins']>[number] = {
  name: 'kefu-locale-pack-files',
  setup(build) {
    build.onResolve({ filter: /\/locales\/load$/ }, () => ({
      path: `${src}widget/locales/load-script-tag.ts`,
    }));
  },
};
const LOCALES = ['zh-CN', 'zh-TW', 'en', 'ja', 'ko'];

/** A file of the script-tag build: an IIFE that sets `window[globalName]` (if named), minified. */
const scriptFile = (
  entry: Record<string, string>,
  globalName: string | undefined,
  options: Options = {},
): Options => ({
  entry,
  format: ['iife'],
  ...(globalName ? { globalName } : {}),
  outExtension: () => ({ js: '.js' }),
  minify: true,
  target: 'es2020',
  ...options,
});

// No source maps: the package must stay under 2 MB unpacked (test/package/tarball.test.ts), and
// they were 3.9 of its 6.2 MB. The library files are not minified, so a stack trace still reads.
const library: Options = {
  format: ['esm', 'cjs'],
  dts: true,
  target: 'es2020',
  treeshake: true,
  splitting: true,
};

export default defineConfig([
  { ...library, entry: subpaths, esbuildPlugins: [lazyCopies] },
  // The widget is a build of its own, so its lazily loaded panel bundles private copies of the FAQ
  // and diagnostics code it uses. Built with the subpaths, those modules were chunks that `kefu`'s
  // re-exports also reach, and an app importing `kefu` and `kefu/widget` paid for them at start
  // (24 KB instead of 7 KB gzip, measured with esbuild as test/size/widget.test.ts does).
  {
    ...library,
    entry: { 'widget/index': 'src/widget/index.ts' },
    esbuildPlugins: [selfReferences],
    external: [/^kefu\//],
  },
  {
    ...library,
    entry: { index: 'src/index.ts' },
    esbuildPlugins: [selfReferences],
    external: [/^kefu\//],
  },
  // kefu/global: types only (window.Kefu of the script-tag build), so declarations and no code.
  { entry: { global: 'src/embed-global.ts' }, format: ['esm'], dts: { only: true } },
  // The script-tag build: `<script src="kefu.iife.js">` sets window.Kefu. An IIFE cannot split, so
  // what loads later is in files of its own beside it (src/embed.ts says why), each setting a global.
  // No globalName: src/embed.ts sets window.Kefu itself, to the API rather than the module's exports.
  scriptFile({ kefu: 'src/embed.ts' }, undefined, { outExtension: () => ({ js: '.iife.js' }) }),
  // The sending code, loaded on first use.
  scriptFile({ 'kefu-runtime': 'src/embed-runtime.ts' }, 'KefuRuntime'),
  // The playback watcher, loaded when the page is idle after init.
  scriptFile({ 'kefu-watch': 'src/embed-watch.ts' }, 'KefuWatch'),
  // The locale packs, loaded by the panel: dist/kefu-locale-<locale>.js.
  scriptFile(
    Object.fromEntries(
      LOCALES.map((locale) => [`kefu-locale-${locale}`, `src/widget/locales/${locale}.ts`]),
    ),
    'KefuLocale',
  ),
  // The panel, loaded on first open.
  scriptFile({ 'kefu-panel': 'src/widget/panel/index.tsx' }, 'KefuPanel', {
    esbuildPlugins: [faqLoadFromRuntime, localePackFiles],
  }),
]);
