import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The unit project alone, for Stryker (stryker.config.mjs): instrumented code on a shared machine
// runs several times slower, so property tests get the time a mutant run needs.
//
// The module's test files come from KEFU_MUTATION_TESTS (set by test/mutation/run.ts) and replace
// the project's include, rather than Stryker's `--testFiles`: with `--testFiles`, Stryker 9.6
// activates a static mutant (a module-level constant) only after the tests have imported the
// module, so it is never switched on and is reported survived although tests kill it
// (stryker-js issues 6144 and 6209). Without `--testFiles` Stryker activates it before the import.
const unit = base.test!.projects![0] as { test: { include: string[] } };
const moduleTests = process.env.KEFU_MUTATION_TESTS?.split(',').filter(Boolean);
const project = moduleTests ? { ...unit, test: { ...unit.test, include: moduleTests } } : unit;
export default mergeConfig(project, defineConfig({ test: { testTimeout: 60_000 } }));
