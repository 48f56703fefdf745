import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { UAParser } from 'ua-parser-js';
import { launchChromium } from '../browser/helpers/browser';
import { openPlayerPage, playHls, wait } from '../browser/helpers/media-page';
import { startMediaServer } from '../browser/helpers/media-server';
import { parseUserAgent } from '../../src/diagnostics/user-agent';
import cases from '../diagnostics/data/user-agents.json';
import type { BenchSection } from './report';

// kefu/diagnostics: capture time in Chromium, the probe's accuracy, parseUserAgent's agreement
// per family (and ua-parser-js as the peer), and the watcher's cost per minute of playback.
// `npx tsx test/bench/run.ts diagnostics` (a few Chromium pages, about a minute on 2 cores).
const root = fileURLToPath(new URL('../../', import.meta.url));
const pct = (n: number) => `${(n * 100).toFixed(1)}%`;
const quantile = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;

async function gzipOf(contents: string): Promise<number> {
  const r = await build({
    stdin: { contents, resolveDir: root, loader: 'ts' },
    bundle: true,
    minify: true,
    format: 'esm',
    write: false,
    logLevel: 'silent',
    platform: 'browser',
  });
  return gzipSync(r.outputFiles[0]!.text, { level: 9 }).length;
}

function agreement(): BenchSection[] {
  type Case = (typeof cases)[number];
  const fields = [
    'browser.name',
    'browser.version',
    'os.name',
    'os.version',
    'device.type',
  ] as const;
  const get = (v: any, f: string) => f.split('.').reduce((o, k) => o?.[k], v);
  const family = (c: Case) =>
    c.os.name === 'HarmonyOS' || c.os.name === 'OpenHarmony'
      ? 'HarmonyOS (OS)'
      : (c.browser.name ?? '(none)');
  const groups = new Map<string, Case[]>();
  for (const c of cases) groups.set(family(c), [...(groups.get(family(c)) ?? []), c]);
  const row = (name: string, list: Case[]) => {
    const r: Record<string, string | number> = { family: name, n: list.length };
    for (const f of fields)
      r[f] = pct(
        list.filter((c) => get(parseUserAgent(c.ua), f) === get(c, f)).length / list.length,
      );
    r.all = pct(
      list.filter((c) => fields.every((f) => get(parseUserAgent(c.ua), f) === get(c, f))).length /
        list.length,
    );
    return r;
  };
  const rows = [...groups.entries()]
    .sort((a, b) => b[1].length - a[1].length)
    .map(([k, v]) => row(k, v));
  rows.push(row('ALL', cases));
  return [
    {
      title: 'parseUserAgent agreement with expected results, per family',
      rows,
      notes: [
        `${cases.length} real UA strings (test/diagnostics/data), expected = ua-parser-js 2 after review`,
      ],
    },
  ];
}

async function peer(): Promise<BenchSection> {
  const ours = await gzipOf(
    `import { parseUserAgent } from './src/diagnostics/user-agent'; console.log(parseUserAgent)`,
  );
  const theirs = await gzipOf(`import { UAParser } from 'ua-parser-js'; console.log(UAParser)`);
  const time = (fn: (ua: string) => unknown) => {
    const t = performance.now();
    for (let i = 0; i < 5; i++) for (const c of cases) fn(c.ua);
    return ((performance.now() - t) * 1000) / (5 * cases.length);
  };
  return {
    title: 'parseUserAgent vs ua-parser-js (peer)',
    rows: [
      { parser: 'kefu parseUserAgent', gzipBytes: ours, 'µs/parse': time(parseUserAgent) },
      {
        parser: 'ua-parser-js 2',
        gzipBytes: theirs,
        'µs/parse': time((ua) => new UAParser(ua).getResult()),
      },
    ],
  };
}

async function chromium(): Promise<BenchSection[]> {
  const [browser, server] = await Promise.all([launchChromium(), startMediaServer()]);
  // tsx keeps function names with a __name helper that does not exist inside the page.
  const open = async () => {
    const page = await openPlayerPage(browser, server);
    await page.evaluate('window.__name = (f) => f');
    return page;
  };
  try {
    // Capture time without probe: hls.js playing with a watcher, and a plain <video>.
    const captureRows: Record<string, string | number>[] = [];
    for (const kind of ['hls.js + watcher', 'plain <video>']) {
      const page = await open();
      if (kind.startsWith('hls')) await playHls(page, '', { level: -1, maxBuffer: 4 });
      else await page.evaluate(() => (window as any).startMp4('/media/clip.mp4'));
      await wait(page, 3000);
      // The first capture of the page loads the capturing chunk (an import() over loopback here);
      // the runs after it are warm.
      const { first, times } = await page.evaluate(async () => {
        const w = window as any;
        const out: number[] = [];
        let first = 0;
        for (let i = 0; i < 221; i++) {
          const t = performance.now();
          await w.kefu.captureDiagnostics({
            player: w.player,
            video: w.player ? undefined : w.video,
          });
          if (i === 0) first = performance.now() - t;
          else if (i > 20) out.push(performance.now() - t);
        }
        return { first, times: out };
      });
      captureRows.push({
        case: kind,
        firstMs: first,
        runs: times.length,
        p50ms: quantile(times, 0.5),
        p95ms: quantile(times, 0.95),
        maxms: Math.max(...times),
      });
      await page.close();
    }

    // The probe against the server throttled to known rates.
    const probeRows: Record<string, string | number>[] = [];
    const page = await open();
    for (const rate of [1000, 3000, 8000, 20000]) {
      const runs: any[] = [];
      for (let i = 0; i < 3; i++)
        runs.push(
          await page.evaluate(
            async (url) =>
              (
                await (window as any).kefu.captureDiagnostics({
                  omit: ['device'],
                  probe: { url, maxBytes: 400_000, timeoutMs: 4000 },
                })
              ).network.probe,
            `/media/f/rate=${rate}/probe.bin`,
          ),
        );
      const err = runs.map((p) => Math.abs(p.kbps - rate) / rate);
      probeRows.push({
        throttleKbps: rate,
        estimateKbps: Math.round(runs.reduce((n, p) => n + p.kbps, 0) / runs.length),
        maxError: pct(Math.max(...err)),
        bytes: runs[0].bytes,
        ms: Math.round(runs.reduce((n, p) => n + p.ms, 0) / runs.length),
      });
    }

    // Watcher cost: the event mix of one minute of playback (4 timeupdates a second, a stall, a
    // seek, level switches) dispatched on a real element with and without a watcher attached.
    const watcher = await page.evaluate(() => {
      const w = window as any;
      const run = (attach: boolean) => {
        const v = document.createElement('video');
        const watcher = attach ? w.kefu.watchPlayback(v) : undefined;
        const fire = (t: string) => v.dispatchEvent(new Event(t));
        const t0 = performance.now();
        for (let rep = 0; rep < 20; rep++) {
          fire('loadstart');
          fire('playing');
          for (let i = 0; i < 240; i++) fire('timeupdate');
          fire('waiting');
          fire('playing');
          fire('seeking');
          fire('seeked');
          fire('playing');
          fire('pause');
          fire('play');
          fire('playing');
        }
        const ms = (performance.now() - t0) / 20;
        watcher?.stop();
        return ms;
      };
      run(true);
      const base = Math.min(run(false), run(false), run(false));
      const withW = Math.min(run(true), run(true), run(true));
      return { base, withW, events: 250 };
    });
    await page.close();
    return [
      {
        title: 'captureDiagnostics time without probe (Chromium)',
        rows: captureRows,
        notes: [
          'goal: p95 ≤ 5 ms (warm runs); firstMs includes loading the capturing chunk with import()',
        ],
      },
      {
        title: 'Active probe vs server throttle (400 KB max, 4 s max)',
        rows: probeRows,
        notes: ['estimate = bytes after the first chunk / first→last chunk time'],
      },
      {
        title: 'watchPlayback cost per minute of playback (Chromium)',
        rows: [
          {
            eventsPerMinute: watcher.events,
            'ms/min without watcher': watcher.base,
            'ms/min with watcher': watcher.withW,
            'watcher ms/min': Math.max(0, watcher.withW - watcher.base),
          },
        ],
        notes: [
          'plus one Resource Timing callback per media segment (ring buffer of 50); no timers, no polling',
        ],
      },
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}

export default async function (): Promise<BenchSection[]> {
  return [...(await chromium()), ...agreement(), await peer()];
}
