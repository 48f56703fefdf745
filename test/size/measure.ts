import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/** Gzip bytes of a text, at the level CDNs and servers use for static assets. */
export function gzipSizeOfText(text: string): number {
  return gzipSync(text, { level: 9 }).length;
}

/**
 * Gzip bytes an app pays for `code` (an import snippet such as
 * `import { createKefu } from './dist/index.js'; console.log(createKefu)`, paths relative to the
 * repo root), bundled and minified into one file the way an app's bundler would, against the
 * built `dist/` (so `npm run build` must have run). Dynamic imports are inlined: this is the total.
 */
export async function gzipSizeOf(code: string, options: { external?: string[] } = {}): Promise<{ gzip: number; minified: number; text: string }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    treeShaking: true,
    external: options.external ?? [],
    logLevel: 'silent',
  });
  const text = result.outputFiles[0]!.text;
  return { gzip: gzipSizeOfText(text), minified: text.length, text };
}

/**
 * The same bundle with code splitting, as an app's bundler makes it: `initial` is what loads at
 * start (the entry and the chunks it imports statically), `lazy` what loads on first use
 * (dynamic imports), `total` both; each in gzip bytes, each file compressed on its own.
 */
export async function splitSizeOf(code: string): Promise<{ initial: number; lazy: number; total: number; initialText: string }> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'ts', sourcefile: 'app-entry.ts' },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir: '/virtual-out',
    entryNames: 'entry',
    write: false,
    treeShaking: true,
    metafile: true,
    logLevel: 'silent',
  });
  const files = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [f.path.slice('/virtual-out/'.length), f.text]));
  // Metafile keys are paths relative to the working directory; key them by file name instead.
  const base = (path: string) => path.replace(/^.*virtual-out\//, '');
  const imports = new Map(Object.entries(result.metafile!.outputs).map(([path, out]) => [base(path), out.imports]));
  const initialFiles = new Set<string>();
  const visit = (name: string) => {
    if (initialFiles.has(name)) return;
    initialFiles.add(name);
    for (const imp of imports.get(name) ?? []) if (imp.kind === 'import-statement') visit(base(imp.path));
  };
  visit('entry.js');
  let initial = 0;
  let lazy = 0;
  let initialText = '';
  for (const [name, text] of files) {
    const size = gzipSizeOfText(text);
    if (initialFiles.has(name)) {
      initial += size;
      initialText += text;
    } else lazy += size;
  }
  return { initial, lazy, total: initial + lazy, initialText };
}
