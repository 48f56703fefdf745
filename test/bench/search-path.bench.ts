import { gzipSync } from 'node:zlib';
import { build, type Metafile } from 'esbuild';
import config from '../../tsup.config';
import type { BenchSection } from './report';

// What the script tag's tap on "help" downloads before the search answers, module by module
// (issue 19): kefu-core.js, kefu-panel.js and the zh-CN words with every file they import
// statically, built as tsup.config.ts builds them but with esbuild's metafile. Each file is
// gzipped whole, as test/browser/journey.test.ts measures it; a module's share is its part of its
// file's minified bytes times that file's gzip (an estimate: gzip does not split by module).
// The start (kefu.iife.js) and the idle watcher come before these in the journey's total.

const TAP_HELP = ['kefu-core', 'kefu-panel', 'kefu-locale-zh-CN'];

/** The script tag's ES module set of tsup.config.ts: the entry that lists kefu-core. */
function scriptTagEntries(): Record<string, string> {
  const options = [config].flat();
  for (const option of options) {
    const entry = (option as { entry?: unknown }).entry;
    if (entry && typeof entry === 'object' && 'kefu-core' in entry)
      return entry as Record<string, string>;
  }
  throw new Error('tsup.config.ts has no entry named kefu-core');
}

/** Which part of the search path a module is, for the summary. */
const partOf = (module: string): string =>
  /node_modules\/(preact|@preact)\//.test(module)
    ? 'Preact, hooks, signals'
    : module.startsWith('src/faq/') || module.endsWith('/faq-source.ts')
      ? 'FAQ engine and loader'
      : module.startsWith('src/widget/locales/')
        ? 'words (zh-CN) and their loader'
        : module.startsWith('src/widget/panel/')
          ? 'panel and home'
          : module.includes('node_modules/')
            ? 'other packages'
            : 'client and widget core';

export default async function searchPathBench(): Promise<BenchSection[]> {
  const result = await build({
    entryPoints: scriptTagEntries(),
    absWorkingDir: new URL('../../', import.meta.url).pathname,
    bundle: true,
    format: 'esm',
    splitting: true,
    minify: true,
    target: 'es2020',
    platform: 'browser',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    chunkNames: 'kefu-chunk-[hash]',
    outdir: '/virtual',
    metafile: true,
    write: false,
    logLevel: 'silent',
  });
  const text = new Map(result.outputFiles.map((f) => [f.path.replace(/^\/virtual\//, ''), f]));
  const outputs: Metafile['outputs'] = Object.fromEntries(
    Object.entries(result.metafile.outputs).map(([k, v]) => [k.replace(/^.*virtual\//, ''), v]),
  );
  // The files of the tap: the entries and what they import statically, each counted once.
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const i of outputs[file]!.imports)
      if (i.kind === 'import-statement') visit(i.path.replace(/^.*virtual\//, ''));
  };
  for (const name of TAP_HELP) visit(`${name}.js`);
  const rows: { module: string; file: string; raw: number; gzip: number }[] = [];
  const parts = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const gzip = gzipSync(text.get(file)!.contents, { level: 9 }).length;
    total += gzip;
    const out = outputs[file]!;
    for (const [module, input] of Object.entries(out.inputs)) {
      if (!input.bytesInOutput) continue;
      const share = Math.round((gzip * input.bytesInOutput) / out.bytes);
      rows.push({
        module: module.replace(/^.*node_modules\//, 'node_modules/'),
        file,
        raw: input.bytesInOutput,
        gzip: share,
      });
      parts.set(partOf(module), (parts.get(partOf(module)) ?? 0) + share);
    }
  }
  rows.sort((a, b) => b.gzip - a.gzip);
  return [
    {
      title: `Script tag, tap on help to search answering: ${files.size} files, ${total} B gzip`,
      rows: [
        ...[...parts].sort((a, b) => b[1] - a[1]).map(([part, gzip]) => ({ part, gzip })),
        { part: 'the rest', gzip: total - [...parts.values()].reduce((a, b) => a + b, 0) },
      ],
      notes: [
        'Estimated per part (module bytes × file gzip / file bytes); the rest is each file',
        "compressed on its own, the imports between files and esbuild's shared helpers.",
      ],
    },
    {
      title: 'Script tag, tap on help to search answering, by module',
      rows: rows.map((r) => ({
        module: r.module,
        file: r.file,
        'raw B': r.raw,
        '~gzip B': r.gzip,
      })),
    },
  ];
}
