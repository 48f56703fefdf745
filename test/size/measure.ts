import { build } from 'esbuild';
import { build as buildWithLatest } from 'esbuild-latest';
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
export async function gzipSizeOf(
  code: string,
  options: { external?: string[] } = {},
): Promise<{ gzip: number; minified: number; text: string }> {
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
export interface SplitChunk {
  name: string;
  gzip: number;
  /** Loaded on first use rather than at start. */
  lazy: boolean;
  /** The files it was made from (paths relative to the repo root: dist/…, node_modules/…). */
  inputs: string[];
  /** The chunks that load it with import(). */
  loadedBy: string[];
  /** The chunks it imports statically: they load with it. */
  imports: string[];
}

// Chunks of which one user loads one: a locale pack (their language) and a player adapter (their
// app's player). Each is a dist file of its own, named after the module it was built from.
const ALTERNATIVE = /^dist\/(zh-CN|zh-TW|en|ja|ko|hls|shaka|dashjs|videojs)-[A-Z0-9]+\.js$/;
const PLAYERS = /^dist\/(hls|shaka|dashjs|videojs)-/;

/**
 * The most one user downloads: every chunk reachable from the app, except the alternatives: of
 * the player adapters only the largest counts, and of the languages the largest in all its files
 * (the core words, each view's part, the ticket messages). An upper bound: nobody loads every
 * view's code and every diagnostics probe.
 */
export function mostOneUserLoads(chunks: SplitChunk[]): number {
  const languages = new Map<string, number>();
  let player = 0;
  let sum = 0;
  for (const chunk of chunks) {
    const source = chunk.inputs.length === 1 ? chunk.inputs[0]! : '';
    const alternative = ALTERNATIVE.exec(source)?.[1];
    if (!alternative) sum += chunk.gzip;
    else if (PLAYERS.test(source)) player = Math.max(player, chunk.gzip);
    else languages.set(alternative, (languages.get(alternative) ?? 0) + chunk.gzip);
  }
  return sum + player + Math.max(0, ...languages.values());
}

/**
 * Which esbuild bundles the app: the one the tools here use, or the latest release (a
 * devDependency alias), since an app's bundler version changes how code splits (issue 19).
 */
export type Bundler = 'esbuild' | 'esbuild-latest';

export async function splitSizeOf(
  code: string,
  bundler: Bundler = 'esbuild',
): Promise<{
  initial: number;
  lazy: number;
  total: number;
  initialText: string;
  lazyText: string;
  chunks: SplitChunk[];
}> {
  // The two releases' option types differ in name only: the options below mean the same to both.
  const bundle = (bundler === 'esbuild' ? build : buildWithLatest) as typeof build;
  const result = await bundle({
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
  const files = new Map(
    result.outputFiles
      .filter((f) => f.path.endsWith('.js'))
      .map((f) => [f.path.slice('/virtual-out/'.length), f.text]),
  );
  // Metafile keys are paths relative to the working directory; key them by file name instead.
  const base = (path: string) => path.replace(/^.*virtual-out\//, '');
  const imports = new Map(
    Object.entries(result.metafile!.outputs).map(([path, out]) => [base(path), out.imports]),
  );
  const inputs = new Map(
    Object.entries(result.metafile!.outputs).map(([path, out]) => [
      base(path),
      Object.keys(out.inputs),
    ]),
  );
  // Start: the entry and what it imports statically. Lazy: what the code reachable from there
  // loads with import(), and their static imports. Chunks nothing reachable refers to are ignored.
  const closure = (roots: string[], kinds: string[]) => {
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      for (const imp of imports.get(name) ?? [])
        if (kinds.includes(imp.kind)) visit(base(imp.path));
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
  const chunks: SplitChunk[] = [];
  for (const name of reachable) {
    const size = gzipSizeOfText(files.get(name) ?? '');
    const loadedBy = [...reachable].filter((other) =>
      (imports.get(other) ?? []).some(
        (imp) => imp.kind === 'dynamic-import' && base(imp.path) === name,
      ),
    );
    chunks.push({
      name,
      gzip: size,
      lazy: !initialFiles.has(name),
      inputs: inputs.get(name) ?? [],
      loadedBy,
      imports: (imports.get(name) ?? [])
        .filter((imp) => imp.kind === 'import-statement' && files.has(base(imp.path)))
        .map((imp) => base(imp.path)),
    });
    if (initialFiles.has(name)) {
      initial += size;
      initialText += files.get(name) ?? '';
    } else {
      lazy += size;
      lazyText += files.get(name) ?? '';
    }
  }
  return { initial, lazy, total: initial + lazy, initialText, lazyText, chunks };
}
