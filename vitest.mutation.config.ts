import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config';

// The unit project alone, for Stryker (stryker.config.mjs): instrumented code on a shared machine
// runs several times slower, so property tests get the time a mutant run needs.
const unit = base.test!.projects![0] as object;
export default mergeConfig(unit, defineConfig({ test: { testTimeout: 60_000 } }));
