import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { GOAL, MODULES } from './modules';

// `npm run mutation` runs every module; `npm run mutation -- diagnose redaction` only those;
// arguments starting with `--` go to Stryker, values after `=` (`--force` re-runs mutants the
// incremental file already knows; `--concurrency=1`). Modules run one after another: each is a
// fresh Stryker run over its own files.
const names = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const passThrough = process.argv.slice(2).filter((a) => a.startsWith('--'));
const unknown = names.filter((n) => !MODULES.some((m) => m.name === n));
if (unknown.length) {
  console.error(`Unknown module ${unknown.join(', ')}; one of: ${MODULES.map((m) => m.name)}`);
  process.exit(2);
}
const selected = MODULES.filter((m) => !names.length || names.includes(m.name));
mkdirSync('reports/mutation', { recursive: true });

interface MutantResult {
  status: string;
}
interface Report {
  files: Record<string, { mutants: MutantResult[] }>;
}

/** Mutation score as Stryker counts it: detected over valid mutants (no compile errors). */
function score(file: string): { score: number; survived: number; total: number } {
  const report = JSON.parse(readFileSync(file, 'utf8')) as Report;
  const statuses = Object.values(report.files).flatMap((f) => f.mutants.map((m) => m.status));
  const detected = statuses.filter((s) => s === 'Killed' || s === 'Timeout').length;
  const undetected = statuses.filter((s) => s === 'Survived' || s === 'NoCoverage').length;
  const total = detected + undetected;
  return { score: total ? (100 * detected) / total : 100, survived: undetected, total };
}

const rows: string[] = [];
let belowGoal = false;
for (const module of selected) {
  const incremental = `reports/mutation/${module.name}.json`;
  const args = [
    'stryker',
    'run',
    'stryker.config.mjs',
    '--mutate',
    module.mutate.join(','),
    '--incrementalFile',
    incremental,
    ...passThrough,
  ];
  console.error(`\n## ${module.name}: ${module.promise}\n$ npx ${args.join(' ')}`);
  // The test files go to vitest's include (vitest.mutation.config.ts), not to `--testFiles`, with
  // which Stryker never switches on a static mutant (see that file).
  const env = { ...process.env, KEFU_MUTATION_TESTS: module.testFiles.join(',') };
  const run = spawnSync('npx', args, { stdio: 'inherit', env });
  if (run.status !== 0 || !existsSync(incremental)) {
    rows.push(`${module.name.padEnd(26)} failed to run (exit ${run.status})`);
    belowGoal = true;
    continue;
  }
  const result = score(incremental);
  belowGoal ||= result.score < GOAL;
  rows.push(
    `${module.name.padEnd(26)} ${result.score.toFixed(1).padStart(5)}%  ` +
      `${result.survived} undetected of ${result.total}`,
  );
}
console.log(`\nMutation score per module (goal ${GOAL}%):\n${rows.join('\n')}`);
process.exitCode = belowGoal ? 1 : 0;
