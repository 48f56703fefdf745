import { readdirSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { formatSection, type BenchSection } from './report';

// Every test/bench/*.bench.ts exports a default async function returning one or more sections.
// `npm run bench -- faq` runs only the files whose name contains "faq"; a name that is a file's
// whole name runs that file alone (`live` is not also the quarter-hour `live-faults`).
const dir = fileURLToPath(new URL('.', import.meta.url));
const filter = process.argv[2];
const benches = readdirSync(dir).filter((f) => f.endsWith('.bench.ts'));
const files = (
  benches.includes(`${filter}.bench.ts`)
    ? [`${filter}.bench.ts`]
    : benches.filter((f) => !filter || f.includes(filter))
).sort();

let failed = false;
for (const file of files) {
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(dir + file).href)) as {
      default: () => Promise<BenchSection | BenchSection[]>;
    };
    const sections = [await mod.default()].flat();
    for (const section of sections) console.log(formatSection(section) + '\n');
  } catch (error) {
    failed = true;
    console.error(`## ${file} failed\n`, error);
  }
  console.error(`(${file}: ${((performance.now() - started) / 1000).toFixed(1)} s)\n`);
}
process.exitCode = failed ? 1 : 0;
