import { gzipSync } from 'node:zlib';
import { buildScriptTagModules } from '../../tsup.config';
import type { BenchSection } from './report';

// What the script tag's tap on "help" downloads before the search answers, module by module
// (issue 19): kefu-core.js, kefu-panel.js and the zh-CN words with every file they import
// statically, built as tsup.config.ts builds them (rolldown), without writing them. Each file is
// gzipped whole, as test/browser/journey.test.ts measures it; a module's share is its part of its
// file's rendered bytes times that file's gzip (an estimate: gzip does not split by module).
// The start (kefu.iife.js) and the idle watcher come before these in the journey's total.

const TAP_HELP = ['kefu-core', 'kefu-panel', 'kefu-locale-zh-CN'];

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
  const root = new URL('../../', import.meta.url).pathname;
  const { chunks } = await buildScriptTagModules(false);
  // The files of the tap: the entries and what they import statically, each counted once.
  const files = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const next of chunks.get(file)!.imports) visit(next);
  };
  for (const name of TAP_HELP) visit(`${name}.js`);
  const rows: { module: string; file: string; raw: number; gzip: number }[] = [];
  const parts = new Map<string, number>();
  let total = 0;
  for (const file of files) {
    const chunk = chunks.get(file)!;
    const gzip = gzipSync(chunk.code, { level: 9 }).length;
    total += gzip;
    const modules = Object.entries(chunk.modules).filter(([, m]) => m.renderedLength > 0);
    const rendered = modules.reduce((sum, [, m]) => sum + m.renderedLength, 0);
    for (const [id, { renderedLength }] of modules) {
      const module = id.startsWith(root) ? id.slice(root.length) : id;
      const share = Math.round((gzip * renderedLength) / rendered);
      rows.push({
        module: module.replace(/^.*node_modules\//, 'node_modules/'),
        file,
        raw: renderedLength,
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
        'Estimated per part (module bytes before minifying × file gzip / their sum); the rest',
        'is rounding: each file is compressed on its own, with the imports between files.',
      ],
    },
    {
      title: 'Script tag, tap on help to search answering, by module',
      rows: rows.map((r) => ({
        module: r.module,
        file: r.file,
        'rendered B': r.raw,
        '~gzip B': r.gzip,
      })),
    },
  ];
}
