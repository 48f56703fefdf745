/**
 * Measures parseUserAgent against matomo-org/device-detector's fixture files (LGPL-3.0, test data
 * only, never shipped): OS name, device type and browser family on the families a video app sees,
 * with the misses that remain. Fetch the repository, copy `Tests/fixtures/*.yml` into a folder,
 * then run:
 *   npx tsx test/diagnostics/data/measure-device-detector.ts <folder> [--misses N] [--extract]
 * `--extract` rewrites device-detector-extract.json, the committed sample the unit test checks.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { parseUserAgent } from '../../../src/diagnostics/user-agent';
import { browserFamily, type Fixture, isVideoAppFamily, type Row, toRow } from './device-detector';

const dir = process.argv[2];
if (!dir) throw new Error('usage: measure-device-detector.ts <fixtures folder> [--misses N]');
const missesShown = Number(process.argv[process.argv.indexOf('--misses') + 1]) || 0;
const rows: (Row & { file: string })[] = [];
const seen = new Set<string>();
for (const file of readdirSync(dir).filter((f) => f.endsWith('.yml') && f !== 'bots.yml')) {
  for (const f of parse(readFileSync(join(dir, file), 'utf8')) as Fixture[]) {
    const row = toRow(f);
    if (row && !seen.has(row.ua)) {
      seen.add(row.ua);
      rows.push({ ...row, file });
    }
  }
}

const got = (r: Row) => {
  const p = parseUserAgent(r.ua);
  return { os: p.os.name, type: p.device.type, browser: browserFamily(p.browser.name) };
};
function report(title: string, set: Row[]) {
  console.log(`== ${title}`);
  for (const key of ['os', 'type', 'browser'] as const) {
    const scoped = set.filter((r) => r[key]);
    const misses = scoped.filter((r) => got(r)[key] !== r[key]);
    const share = 1 - misses.length / scoped.length;
    console.log(`${key}: ${(share * 100).toFixed(2)}% of ${scoped.length}`);
    const by = new Map<string, number>();
    for (const m of misses) {
      const k = `${m[key]} → ${got(m)[key]}`;
      by.set(k, (by.get(k) ?? 0) + 1);
    }
    const top = [...by].sort((a, b) => b[1] - a[1]).slice(0, 12);
    console.log(top.map(([k, n]) => `  ${n} ${k}`).join('\n'));
    for (const m of misses.slice(0, missesShown)) console.log(`    ${m[key]}: ${m.ua}`);
  }
}
report('all rows', rows);
report('the families a video app sees', rows.filter(isVideoAppFamily));

if (process.argv.includes('--extract')) {
  // Every 16th row of the video-app families, in file order: a deterministic sample with the same
  // mix as the whole.
  const sample = rows
    .filter(isVideoAppFamily)
    .filter((_, i) => i % 16 === 0)
    .map(({ file: _, ...r }) => r);
  writeFileSync(
    new URL('device-detector-extract.json', import.meta.url),
    `${JSON.stringify(sample, null, 0).replace(/\},\{/g, '},\n{')}\n`,
  );
  console.log(`extract: ${sample.length} rows`);
}
