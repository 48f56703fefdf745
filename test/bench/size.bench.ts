import { readFileSync } from 'node:fs';
import { gzipSizeOf, gzipSizeOfText, splitSizeOf } from '../size/measure';
import type { BenchSection } from './report';

// What an app pays, in gzip bytes, bundled and minified by esbuild against dist/ (npm run bench
// builds first). The peer row is the floor of the mandated dependencies measured in the same run:
// the smallest zod/mini object schema plus idb-keyval's get and set.
const cases: { name: string; code: string; budget?: number }[] = [
  {
    name: "createKefu from 'kefu'",
    code: "import { createKefu } from 'kefu'; console.log(createKefu)",
    budget: 6144,
  },
  {
    name: 'createKefu + createFaqIndex',
    code: "import { createKefu, createFaqIndex } from 'kefu'; console.log(createKefu, createFaqIndex)",
  },
  {
    name: "createOutbox + createTransport + kefuAdapter from 'kefu/transport'",
    code: "import { createOutbox, createTransport, kefuAdapter } from 'kefu/transport'; console.log(createOutbox, createTransport, kefuAdapter)",
  },
  {
    name: "createFaqIndex + tokenize from 'kefu/faq'",
    code: "import { createFaqIndex, tokenize } from 'kefu/faq'; console.log(createFaqIndex, tokenize)",
    budget: 5120,
  },
  {
    name: 'captureDiagnostics + diagnose + parseUserAgent',
    code: "import { captureDiagnostics, diagnose, parseUserAgent } from 'kefu/diagnostics'; console.log(captureDiagnostics, diagnose, parseUserAgent)",
    budget: 5120,
  },
  {
    name: "createRelay from 'kefu/relay' (server side)",
    code: "import { createRelay } from 'kefu/relay'; console.log(createRelay)",
  },
];

export default async function sizeBench(): Promise<BenchSection> {
  const peer = await gzipSizeOf(
    "import * as z from 'zod/mini'; import { get, set } from 'idb-keyval'; console.log(z.object({ a: z.string() }).safeParse({}), get, set)",
  );
  const rows: Record<string, string | number>[] = [];
  for (const c of cases) {
    const split = await splitSizeOf(c.code);
    rows.push({
      import: c.name,
      'at start': split.initial,
      'loaded on use': split.lazy,
      total: split.total,
      budget: c.budget ?? '',
      'start / budget': c.budget ? (split.initial / c.budget).toFixed(2) : '',
      'total / peer': (split.total / peer.gzip).toFixed(2),
    });
  }
  const iife = gzipSizeOfText(
    readFileSync(new URL('../../dist/kefu.iife.js', import.meta.url), 'utf8'),
  );
  rows.push({
    import: 'dist/kefu.iife.js (script tag; its runtime, panel and packs load later)',
    'at start': iife,
    'loaded on use': 0,
    total: iife,
    budget: '',
    'start / budget': '',
    'total / peer': (iife / peer.gzip).toFixed(2),
  });
  return {
    title: 'Size: gzip bytes an app pays (esbuild, minified, against dist/)',
    rows,
    notes: [
      `peer: the floor of kefu's mandated dependencies, a one-field zod/mini schema plus idb-keyval get/set = ${peer.gzip} B gzip, measured in this run`,
      '"at start" is the entry and its static imports; "loaded on use" is what import() brings on the first submission, capture or player.',
    ],
  };
}
