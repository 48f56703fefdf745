import { build } from 'esbuild';
import { resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// Size budgets of kefu/diagnostics, measured on the built dist/ the way an app's bundler pays:
// bundled with code splitting, minified, each output file gzipped on its own. What an app pays on
// import (the entry and its static imports) is apart from what loads on demand: the capturing
// code (its own chunk, loaded on the first captureDiagnostics call, when the user asks for help),
// the player adapters (only when that player is present), the probe, the frame still and the
// capability probes (only when asked for).
const root = fileURLToPath(new URL('../../', import.meta.url));

/** The budget for what importing capture + diagnose + parseUserAgent costs. */
const EAGER_BUDGET = 5 * 1024;
/**
 * The capturing code loaded on the first call, over what the import already loaded: the capture
 * itself, and its own copies of the device part of the user-agent parser and of the redaction,
 * which keep those out of the start of every app importing `kefu` (tsup.config.ts). The parser's
 * browser and OS tables (src/diagnostics/ua-tables.ts) are a further import(), taken only where
 * Client Hints do not name both (Safari, Firefox): not counted here. An app that imports
 * parseUserAgent itself and captures loads the parser twice. The parser reads app and
 * HTTP-client strings, TVs, boxes and tablet models (measured against device-detector's fixtures
 * by test/diagnostics/data/measure-device-detector.ts); the redaction takes CDN tokens, expiring
 * signatures and quoted secret values whole. Measured 4,792 B (6,154 B with the tables).
 */
const CAPTURE_BUDGET = 4.703125 * 1024;
/**
 * All the code a capture runs, as one file: splitting the capture behind import() must not make
 * the whole grow by more than a few hundred bytes. Beside the parser and the redaction above, it
 * includes the media detection that rules out page assets by extension and initiator (a
 * <script>'s /src/main.ts is no MPEG-TS segment) and the startup timing from play. Measured
 * 8,376 B (8,266 B before the tables became an import() of their own, with its wrapper).
 */
const TOTAL_BUDGET = 8.203125 * 1024;
/** watchPlayback runs from the start, so it is eager too: with the three above, 6,075 B. */
const WATCH_BUDGET = 6.5 * 1024;
/**
 * A player adapter with what it adds on first load: the adapter and the lazily loaded copy of the
 * redaction, shared with the capturing code (hls.js, the largest: 2,396 B measured).
 */
const ADAPTER_BUDGET = 2.375 * 1024;

// Identifiers only the capturing code needs (UA-CH, device details, Resource Timing analysis,
// the video reading, the check of the options) and those of the on-demand parts: none may load at import.
const CAPTURE_ONLY = [
  'invalid_input',
  'getHighEntropyValues',
  'hardwareConcurrency',
  'resolvedOptions',
  'encodedBodySize',
  'serverTiming',
  'getEntriesByType',
  'getVideoPlaybackQuality',
  'connection',
];
const NEVER_EAGER = [
  'preact',
  'hlsFragLoaded',
  'registerResponseFilter',
  'fragmentLoadingCompleted',
  'IWillNotUseThisInPlainTests',
  'decodingInfo',
  'toDataURL',
  'getReader',
];

interface Split {
  /** Gzip bytes of the entry and its static imports: what importing costs. */
  eager: number;
  eagerText: string;
  /** Gzip bytes and text that loading a dynamic chunk adds over the eager part, by chunk name (collect, hls, probe…). */
  lazy: Map<string, { gzip: number; text: string }>;
}

// The on-demand chunks of dist/ (collect: the capturing code), by file name.
const ON_DEMAND = /^(collect|hls|shaka|dashjs|videojs|probe|frame|capabilities)-\w+\.js$/;

/** Gzip bytes of everything `names` runs in one file, inlining the dynamic imports of dist/ whose chunk names `inline` matches. */
async function single(names: string, inline: RegExp): Promise<number> {
  const result = await build({
    stdin: {
      contents: `import { ${names} } from './dist/diagnostics/index.js'; console.log(${names});`,
      resolveDir: root,
      loader: 'js',
    },
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    write: false,
    logLevel: 'silent',
    plugins: [
      {
        name: 'on-demand-external',
        setup(b) {
          b.onResolve({ filter: /./ }, (a) => {
            const file = a.path.split('/').pop()!;
            return a.kind === 'dynamic-import' && ON_DEMAND.test(file) && !inline.test(file)
              ? { path: a.path, external: true }
              : undefined;
          });
        },
      },
    ],
  });
  return gzipSync(result.outputFiles[0]!.text, { level: 9 }).length;
}

async function split(names: string): Promise<Split> {
  const result = await build({
    stdin: {
      contents: `import { ${names} } from './dist/diagnostics/index.js'; console.log(${names});`,
      resolveDir: root,
      loader: 'js',
      sourcefile: 'app-entry.js',
    },
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    target: 'es2020',
    platform: 'browser',
    outdir: '/out',
    entryNames: 'entry',
    write: false,
    metafile: true,
    logLevel: 'silent',
  });
  const base = (p: string) => p.replace(/^.*\/?out\//, '');
  const text = new Map(
    result.outputFiles.filter((f) => f.path.endsWith('.js')).map((f) => [base(f.path), f.text]),
  );
  const outputs = Object.entries(result.metafile.outputs).filter(([p]) => p.endsWith('.js'));
  const statics = new Map(
    outputs.map(([p, o]) => [
      base(p),
      o.imports.filter((i) => i.kind === 'import-statement').map((i) => base(i.path)),
    ]),
  );
  const closure = (root: string) => {
    const seen = new Set<string>();
    const visit = (n: string) => {
      if (seen.has(n)) return;
      seen.add(n);
      statics.get(n)?.forEach(visit);
    };
    visit(root);
    return seen;
  };
  const gz = (files: Iterable<string>) =>
    [...files].reduce((n, f) => n + gzipSync(text.get(f) ?? '', { level: 9 }).length, 0);
  const join = (files: Iterable<string>) => [...files].map((f) => text.get(f)).join('\n');
  const eagerFiles = closure('entry.js');
  const lazy = new Map<string, { gzip: number; text: string }>();
  for (const [p, o] of outputs) {
    // A dynamic import's own chunk names the module it loads (dist/collect-XXXX.js → collect).
    const name = o.entryPoint && /^dist\/([a-z]+)-\w+\.js$/.exec(o.entryPoint)?.[1];
    if (!name || base(p) === 'entry.js') continue;
    const added = [...closure(base(p))].filter((f) => !eagerFiles.has(f));
    lazy.set(name, { gzip: gz(added), text: join(added) });
  }
  return { eager: gz(eagerFiles), eagerText: join(eagerFiles), lazy };
}

const NAMES = 'captureDiagnostics, diagnose, parseUserAgent';

describe('kefu/diagnostics size', () => {
  it(`importing captureDiagnostics + diagnose + parseUserAgent costs at most ${EAGER_BUDGET} B gzip`, async () => {
    const { eager, eagerText, lazy } = await split(NAMES);
    const capture = lazy.get('collect')!;
    // The same as one tree-shaken file, the way Rollup (Vite) and webpack resolve it: esbuild's
    // splitting above also loads at start every chunk a used file of dist/ imports, so it is the stricter.
    const [eagerOneFile, total] = await Promise.all([
      single(NAMES, /^$/),
      single(NAMES, /^collect-/),
    ]);
    console.log(
      `kefu/diagnostics capture+diagnose+parseUserAgent: ${eager} B gzip on import (${eagerOneFile} B as one tree-shaken file), ` +
        `+${capture.gzip} B on the first capture; ${total} B in all as one file`,
    );
    expect(eager).toBeLessThanOrEqual(EAGER_BUDGET);
    expect(eagerOneFile).toBeLessThanOrEqual(eager);
    expect(capture.gzip).toBeLessThanOrEqual(CAPTURE_BUDGET);
    expect(total).toBeLessThanOrEqual(TOTAL_BUDGET);
    for (const id of [...CAPTURE_ONLY, ...NEVER_EAGER]) expect(eagerText, id).not.toContain(id);
    // The markers are real: the capturing chunk has them.
    for (const id of CAPTURE_ONLY) expect(capture.text, id).toContain(id);
    expect(capture.text).not.toMatch(/preact|hlsFragLoaded|decodingInfo|toDataURL|getReader/);
  });

  it('diagnose + parseUserAgent alone stay within the 5 KB goal', async () => {
    const { eager } = await split('diagnose, parseUserAgent');
    console.log(`kefu/diagnostics diagnose+parseUserAgent: ${eager} B gzip`);
    expect(eager).toBeLessThanOrEqual(EAGER_BUDGET);
  });

  it('watchPlayback, which runs from the start, stays small and loads no capturing code', async () => {
    const { eager, eagerText } = await split(
      'captureDiagnostics, diagnose, parseUserAgent, watchPlayback',
    );
    console.log(
      `kefu/diagnostics capture+diagnose+parseUserAgent+watchPlayback: ${eager} B gzip on import`,
    );
    expect(eager).toBeLessThanOrEqual(WATCH_BUDGET);
    for (const id of [
      'getHighEntropyValues',
      'hardwareConcurrency',
      'encodedBodySize',
      'getVideoPlaybackQuality',
      ...NEVER_EAGER,
    ])
      expect(eagerText, id).not.toContain(id);
  });

  it(`each player adapter is its own chunk of at most ${ADAPTER_BUDGET} B gzip with the redaction it shares, loaded only when its player is present`, async () => {
    const { lazy } = await split('captureDiagnostics, diagnose, parseUserAgent, watchPlayback');
    expect(
      [...lazy.keys()].filter((k) => ['hls', 'shaka', 'dashjs', 'videojs'].includes(k)).sort(),
    ).toEqual(['dashjs', 'hls', 'shaka', 'videojs']);
    for (const name of ['hls', 'shaka', 'dashjs', 'videojs']) {
      const { gzip } = lazy.get(name)!;
      console.log(`adapter ${name}: ${gzip} B gzip`);
      expect(gzip, name).toBeLessThanOrEqual(ADAPTER_BUDGET);
    }
  });

  it('imports with nothing running: no window, no document at module top level', async () => {
    expect(typeof (globalThis as { window?: unknown }).window).toBe('undefined');
    const mod = await import(resolve(root, 'dist/diagnostics/index.js'));
    expect(typeof mod.captureDiagnostics).toBe('function');
    expect(
      mod.parseUserAgent(
        'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Mobile/15E148 Safari/604.1',
      ).os.name,
    ).toBe('iOS');
  });
});
