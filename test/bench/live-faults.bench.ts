import { availableParallelism, loadavg } from 'node:os';
import { startFaultBed } from '../browser/helpers/fault-bed';
import { type FaultDurations, runFaults } from '../browser/helpers/live-faults';
import type { BenchSection } from './report';

// The faults at their real durations, in Chromium against two reference-server instances
// (own processes, behind a TCP front proxy) on one PostgreSQL, while an agent and the user
// exchange numbered messages both ways; every message checked at both ends (the relay's store and
// `kefu.conversations.get` in the page): exactly once, in order. test/browser/live-faults.test.ts
// runs the same code with short durations. Durations may be shortened for a trial run with
// KEFU_FAULTS_OFFLINE_MS / KEFU_FAULTS_HIDDEN_MS.
const env = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
export const BENCH_DURATIONS: FaultDurations = {
  offlineMs: env('KEFU_FAULTS_OFFLINE_MS', 2 * 60_000),
  hiddenMs: env('KEFU_FAULTS_HIDDEN_MS', 10 * 60_000),
  // The client's default: a tab hidden for two minutes lets its connection go.
  hiddenCloseMs: 120_000,
  // A round every 8 s: ten hidden minutes make ~150 messages, within the 300 a device keeps of
  // one conversation (at 4 s the page had, by design, let the oldest 4 go: counted as lost).
  gapMs: 8000,
  settleMs: 60_000,
};

export default async function liveFaultsBench(): Promise<BenchSection> {
  const bed = await startFaultBed();
  try {
    const results = await runFaults(bed, BENCH_DURATIONS);
    for (const r of results) console.error(`  live-faults: ${r.fault}: ${r.detail}`);
    return {
      title: 'Live support under faults (Chromium, two relay instances, PostgreSQL)',
      rows: results.map((r) => ({
        fault: r.fault,
        'agent msgs': r.agentMessages,
        'user msgs': r.userMessages,
        lost: r.lost,
        duplicated: r.duplicated,
        'out of order': r.outOfOrder,
        'catch-up ms': Number.isNaN(r.catchUpMs) ? 'never' : r.catchUpMs,
      })),
      notes: [
        'Goal: 0 lost, 0 duplicated, 0 out of order at both ends (the store and the page), for',
        'each side’s numbered messages and for the page’s order against the store’s; catch-up',
        '≤ 1 s after the tab is shown again. Catch-up: from the fault’s end (network back, tab',
        'shown, reloaded page ready, instance killed) to the newest agent message in the page.',
        'The kill’s catch-up includes the client’s jittered reconnect pause (up to 2 s on the',
        'first retry, by design: a restart must not bring every client back at once).',
        ...results.map((r) => `${r.fault}: ${r.detail}`),
        'Run: npm run bench -- live-faults',
        `Load average at the end (1 min, on ${availableParallelism()} cores): ${loadavg()[0]!.toFixed(1)}.`,
      ],
    };
  } finally {
    await bed.close();
  }
}
