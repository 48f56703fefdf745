import { defineConfig } from 'tsup';

// One entry per public subpath (DESIGN.md); each builds to ESM + CJS + .d.ts.
const entries = {
  index: 'src/index.ts',
  'faq/index': 'src/faq/index.ts',
  'diagnostics/index': 'src/diagnostics/index.ts',
  'transport/index': 'src/transport/index.ts',
  'widget/index': 'src/widget/index.ts',
  'relay/index': 'src/relay/index.ts',
};

export default defineConfig([
  {
    entry: entries,
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'es2020',
    treeshake: true,
    splitting: true,
  },
  {
    // The script-tag build: `<script src="kefu.iife.js">` sets window.Kefu.
    entry: { kefu: 'src/embed.ts' },
    format: ['iife'],
    globalName: 'Kefu',
    outExtension: () => ({ js: '.iife.js' }),
    minify: true,
    sourcemap: true,
    target: 'es2020',
    clean: false,
  },
]);
