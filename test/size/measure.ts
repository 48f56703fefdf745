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
    // Resolve 'kefu' through package.json exports to dist/, not through tsconfig paths to src/.
    tsconfigRaw: {},
  });
  const text = result.outputFiles[0]!.text;
  return { gzip: gzipSizeOfText(text), minified: text.length, text };
}

/**
 * The same bundle with code splitting, as an app's bundler makes it: `initial` is what loads at
 * start (the entry and the chunks it imports statically), `lazy` what loads on first use
 * (dynamic imports), `total` both; each in gzip bytes, each file compressed on its own.
 */
export async function splitSizeOf(code: string): Promise<{ initial: number; lazy: number; total: number; initialText: string; lazyText: string }> {
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
    // Resolve 'kefu' through package.json exports to dist/, not through tsconfig paths to src/.
    tsconfigRaw: {},
  });
  const files = new Map(result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [f.path.slice('/virtual-out/'.length), f.text]));
  // Metafile keys are paths relative to the working directory; key them by file name instead.
  const base = (path: string) => path.replace(/^.*virtual-out\//, '');
  const imports = new Map(Object.entries(result.metafile!.outputs).map(([path, out]) => [base(path), out.imports]));
  // Start: the entry and what it imports statically. Lazy: what the code reachable from there
  // loads with import(), and their static imports. Chunks nothing reachable refers to are ignored.
  const closure = (roots: string[], kinds: string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const imp of imports.get(name) ?? []) if (kinds.includes(imp.kind)) visit(base(imp.path));
    };
    roots.forEach(visit);
    return seen;
  };
  const initialFiles = closure(['entry.js'], ['import-statement']);
  const reachable = closure(['entry.js'], ['import-statement', 'dynamic-import']);
  let initial = 0;
  let lazy = 0;
  let initialText = '';
  let lazyText = '';
  for (const name of reachable) {
    const size = gzipSizeOfText(files.get(name) ?? '');
    if (initialFiles.has(name)) {
      initial += size;
      initialText += files.get(name) ?? '';
    } else {
      lazy += size;
      lazyText += files.get(name) ?? '';
    }
  }
  return { initial, lazy, total: initial + lazy, initialText, lazyText };
}
