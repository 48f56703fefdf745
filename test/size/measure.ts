import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * Gzip bytes an app pays for `code` (an import snippet such as
 * `import { createKefu } from 'kefu'; console.log(createKefu)`), bundled and minified the way an
 * app's bundler would, against the built `dist/` (so `npm run build` must have run).
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
  return { gzip: gzipSync(text, { level: 9 }).length, minified: text.length, text };
}

/** Gzip bytes of one built file in dist/. */
export function gzipSizeOfText(text: string): number {
  return gzipSync(text, { level: 9 }).length;
}
