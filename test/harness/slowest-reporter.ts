import type { Reporter, TestModule } from 'vitest/node';

/** One finished test as the report lists it. */
export interface TimedTest {
  /** `project › file › full name`. */
  name: string;
  /** How long it ran, in ms. */
  durationMs: number;
  /** Its time limit, in ms. */
  limitMs: number;
}

/** Tests using at least this share of their time limit are marked: they fail first on a busy machine. */
export const NEAR_LIMIT = 0.5;

/** The `count` slowest tests, slowest first (ties by name, so the report is stable). */
export function slowest(tests: readonly TimedTest[], count: number): TimedTest[] {
  return [...tests]
    .sort((a, b) => b.durationMs - a.durationMs || (a.name < b.name ? -1 : 1))
    .slice(0, count);
}

const isNear = (t: TimedTest) => t.durationMs >= t.limitMs * NEAR_LIMIT;

const line = (t: TimedTest) => {
  const share = Math.round((t.durationMs / t.limitMs) * 100);
  const mark = isNear(t) ? '  ← near its limit' : '';
  return `  ${(t.durationMs / 1000).toFixed(2).padStart(7)} s / ${(t.limitMs / 1000).toFixed(0)} s  ${String(share).padStart(3)}%  ${t.name}${mark}`;
};

/**
 * The report's lines: the slowest tests, each with its share of the limit; then every other test
 * near its limit, closest first (a quick test with a short limit is the one a busy machine fails
 * first, and is rarely among the slowest); and a closing count.
 */
export function formatSlowest(tests: readonly TimedTest[], count: number): string[] {
  const listed = slowest(tests, count);
  if (!listed.length) return [];
  const near = tests.filter(isNear);
  const others = near
    .filter((t) => !listed.includes(t))
    .sort(
      (a, b) => b.durationMs / b.limitMs - a.durationMs / a.limitMs || (a.name < b.name ? -1 : 1),
    );
  return [
    `Slowest ${listed.length} of ${tests.length} tests (time / limit):`,
    ...listed.map(line),
    ...(others.length ? ['Also near their limit:', ...others.map(line)] : []),
    `${near.length} test(s) used ≥ ${NEAR_LIMIT * 100}% of their time limit.`,
  ];
}

/**
 * A vitest reporter that prints the slowest tests at the end of a run, with the share of its time
 * limit each one used: the tests that a loaded machine will fail first, named before they do.
 * `KEFU_SLOWEST=N` lists N of them (default 10; 0 turns the report off).
 */
export default class SlowestReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    const count = Number(process.env.KEFU_SLOWEST ?? 10);
    if (!(count > 0)) return;
    const tests: TimedTest[] = [];
    for (const module of modules) {
      for (const test of module.children.allTests()) {
        const diagnostic = test.diagnostic();
        if (!diagnostic) continue;
        // The limit a test ran under: its own `it(…, timeout)`, else its project's testTimeout.
        const own = (test as unknown as { task?: { timeout?: number } }).task?.timeout;
        tests.push({
          name: `${test.project.name} › ${module.relativeModuleId} › ${test.fullName}`,
          durationMs: diagnostic.duration,
          limitMs: own || test.project.config.testTimeout,
        });
      }
    }
    const lines = formatSlowest(tests, count);
    if (lines.length) process.stdout.write(`\n${lines.join('\n')}\n`);
  }
}
