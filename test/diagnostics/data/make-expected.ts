/**
 * Regenerates user-agents.json from user-agents.txt and Playwright's device descriptors, with the
 * expected results that ua-parser-js 2 (the oracle) gives, after review: REVIEWED lists the few
 * strings where the oracle is wrong for our purpose, with the reason. Run:
 *   npx tsx test/diagnostics/data/make-expected.ts
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { devices } from 'playwright-core';
import { UAParser } from 'ua-parser-js';

interface Expected {
  ua: string;
  group: string;
  browser: { name?: string; version?: string };
  os: { name?: string; version?: string };
  device: { type: string; vendor?: string; model?: string };
}

// Reviewed corrections of the oracle, keyed by a substring of the UA.
const REVIEWED: { match: string; fix: (e: Expected) => void; why: string }[] = [
  {
    match: 'NintendoBrowser',
    fix: (e) => (e.device.type = 'console'),
    why: 'a Nintendo Switch is a console; the oracle leaves the type empty for its web applet',
  },
];

const here = new URL('.', import.meta.url);
const out: Expected[] = [];
const seen = new Set<string>();
let group = '';
const lines = readFileSync(new URL('user-agents.txt', here), 'utf8').split('\n');
const add = (ua: string, from: string) => {
  if (!ua || seen.has(ua)) return;
  seen.add(ua);
  const r = new UAParser(ua).getResult();
  const e: Expected = {
    ua,
    group: from,
    browser: {
      ...(r.browser.name && { name: r.browser.name }),
      ...(r.browser.version && { version: r.browser.version }),
    },
    os: { ...(r.os.name && { name: r.os.name }), ...(r.os.version && { version: r.os.version }) },
    device: {
      type: r.device.type ?? 'desktop',
      ...(r.device.vendor && { vendor: r.device.vendor }),
      ...(r.device.model && { model: r.device.model }),
    },
  };
  for (const rule of REVIEWED) if (ua.includes(rule.match)) rule.fix(e);
  out.push(e);
};
for (const line of lines) {
  if (line.startsWith('## ')) group = line.slice(3).trim();
  else if (line.trim() && !line.startsWith('#')) add(line.trim(), group);
}
for (const d of Object.values(devices)) add(d.userAgent, 'Playwright device descriptors');
writeFileSync(new URL('user-agents.json', here), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} user agents`);
