import { build, type Plugin } from 'esbuild';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Size budgets of kefu/diagnostics, measured on the built dist/ the way an app's bundler pays:
// minified, gzipped, what loads eagerly apart from what loads on demand. The player adapters,
// the probe, the frame still and the capability probes are `import()` chunks, fetched only when
// that player is present or that option is asked for, so each is measured on its own, without
// the shared code the eager part has already loaded. (test/size/measure.ts's gzipSizeOf inlines
// dynamic imports, which would count every adapter in every app; so this file bundles itself.)
const root = fileURLToPath(new URL('../../', import.meta.url));
const dist = resolve(root, 'dist');
const LAZY = /^(hls|shaka|dashjs|videojs|probe|frame|capabilities)-\w+\.js$/;

/** Goal of the issue for capture + diagnose + parseUserAgent; see the note on BUDGET. */
const GOAL = 5 * 1024;
/**
 * What is enforced today: the goal is not met (about 7.0 KB: the UA table, eleven diagnose rules,
 * Resource Timing, UA-CH and redaction are all needed eagerly). This budget stops it growing.
 */
const BUDGET = 7.4 * 1024;
const ADAPTER_BUDGET = 1536;

const lazyExternal: Plugin = {
  name: 'lazy-external',
  setup(b) {
    b.onResolve({ filter: /./ }, (a) => (a.kind === 'dynamic-import' && LAZY.test(a.path.split('/').pop()!) ? { path: a.path, external: true } : undefined));
  },
};

async function bundle(options: { stdin?: string; entry?: string; external?: Set<string> }) {
  const plugins: Plugin[] = [lazyExternal];
  if (options.external) {
    const shared = options.external;
    plugins.push({
      name: 'shared-external',
      setup(b) {
        b.onResolve({ filter: /^\.\.?\// }, (a) => {
          const path = resolve(a.resolveDir, a.path);
          return shared.has(path) ? { path, external: true } : undefined;
        });
      },
    });
  }
  const result = await build({
    ...(options.stdin ? { stdin: { contents: options.stdin, resolveDir: root, loader: 'js' } } : { entryPoints: [options.entry!] }),
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    metafile: true,
    logLevel: 'silent',
    plugins,
  });
  const text = result.outputFiles[0]!.text;
  const inputs = new Set(Object.keys(result.metafile.inputs).map((p) => resolve(root, p)));
  return { gzip: gzipSync(text, { level: 9 }).length, text, inputs };
}

const eager = (names: string) => bundle({ stdin: `import { ${names} } from './dist/diagnostics/index.js'; console.log(${names});` });

describe('kefu/diagnostics size', () => {
  it(`capture + diagnose + parseUserAgent stay within budget (goal ${GOAL} B)`, async () => {
    const { gzip, text } = await eager('captureDiagnostics, diagnose, parseUserAgent');
    console.log(`kefu/diagnostics capture+diagnose+parseUserAgent: ${gzip} B gzip (goal ${GOAL}, budget ${BUDGET})`);
    expect(gzip).toBeLessThanOrEqual(BUDGET);
    // What must stay out of the eager bundle: the UI, the players, the on-demand parts.
    for (const never of ['preact', 'hlsFragLoaded', 'registerResponseFilter', 'fragmentLoadingCompleted', 'IWillNotUseThisInPlainTests', 'decodingInfo', 'toDataURL', 'getReader']) {
      expect(text, never).not.toContain(never);
    }
  });

  it('diagnose + parseUserAgent alone stay within the 5 KB goal', async () => {
    const { gzip } = await eager('diagnose, parseUserAgent');
    console.log(`kefu/diagnostics diagnose+parseUserAgent: ${gzip} B gzip`);
    expect(gzip).toBeLessThanOrEqual(GOAL);
  });

  it('each player adapter is its own chunk of at most 1.5 KB, loaded only when its player is present', async () => {
    const base = await eager('captureDiagnostics, diagnose, parseUserAgent, watchPlayback');
    // The chunks the built entry actually imports (dist/ may hold stale ones from older builds).
    const chunks = [
      ...new Set([...base.inputs].filter((file) => file.startsWith(dist)).flatMap((file) => [...readFileSync(file, 'utf8').matchAll(/import\(['"]\.\/((?:hls|shaka|dashjs|videojs)-\w+\.js)['"]\)/g)].map((m) => m[1]!))),
    ];
    expect(chunks.map((f) => f.split('-')[0]).sort()).toEqual(['dashjs', 'hls', 'shaka', 'videojs']);
    for (const file of chunks) {
      const { gzip } = await bundle({ entry: resolve(dist, file), external: base.inputs });
      console.log(`adapter ${file}: ${gzip} B gzip`);
      expect(gzip, file).toBeLessThanOrEqual(ADAPTER_BUDGET);
    }
  });

  it('imports with nothing running: no window, no document at module top level', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const mod = await import(resolve(dist, 'diagnostics/index.js'));
    expect(typeof mod.captureDiagnostics).toBe('function');
    expect(mod.parseUserAgent('Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1').os.name).toBe('iOS');
  });
});
