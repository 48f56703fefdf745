import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const fixture = fileURLToPath(new URL('../fixtures/bundled-app/', import.meta.url));

/**
 * A copy of the fixture app in a temporary directory with kefu installed in its node_modules
 * from the tarball `npm pack` makes (run `npm run build` first), so bundlers see exactly what
 * integrators get: package.json `exports`, the built files, no src/ and no tsconfig (webpack
 * applies the nearest tsconfig's `paths`, which in this repository point at src/). kefu's
 * dependencies are links into this repository's node_modules.
 */
export function fixtureApp(): string {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-bundled-app-'));
  cpSync(fixture, dir, { recursive: true });
  const modules = join(dir, 'node_modules');
  mkdirSync(modules);
  const [packed] = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', dir], {
      cwd: root,
      encoding: 'utf8',
    }),
  ) as { filename: string }[];
  execFileSync('tar', ['-xzf', join(dir, packed!.filename), '-C', dir]);
  renameSync(join(dir, 'package'), join(modules, 'kefu'));
  const { dependencies } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies: Record<string, string>;
  };
  for (const name of Object.keys(dependencies)) {
    mkdirSync(join(modules, name, '..'), { recursive: true });
    symlinkSync(join(root, 'node_modules', name), join(modules, name), 'dir');
  }
  return dir;
}

/** Builds the fixture with Vite in production mode; returns the folder to serve. */
export async function buildWithVite(app: string): Promise<string> {
  const { build } = await import('vite');
  writeFileSync(
    join(app, 'index.html'),
    '<!doctype html><html lang="en"><body><script type="module" src="./main.js"></script></body></html>',
  );
  const outDir = join(app, 'vite-dist');
  await build({
    root: app,
    configFile: false,
    logLevel: 'silent',
    mode: 'production',
    build: { outDir, minify: true, emptyOutDir: true },
  });
  return outDir;
}

/** Builds the fixture with webpack in production mode; returns the folder to serve. */
export async function buildWithWebpack(app: string): Promise<string> {
  const { default: webpack } = await import('webpack');
  const outDir = join(app, 'webpack-dist');
  const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
    webpack(
      {
        mode: 'production',
        context: app,
        entry: './main.js',
        output: { path: outDir, filename: 'main.js', clean: true },
        infrastructureLogging: { level: 'error' },
      },
      (error, result) => (error || !result ? reject(error) : resolve(result)),
    ),
  );
  if (stats.hasErrors()) throw new Error(stats.toString('errors-only'));
  writeFileSync(
    join(outDir, 'index.html'),
    '<!doctype html><html lang="en"><body><script src="./main.js"></script></body></html>',
  );
  return outDir;
}

/**
 * What a bundler itself puts in an app's start once the app has one lazily loaded module, kefu
 * or not: its chunk loader (Vite's preload helper and modulepreload polyfill, webpack's runtime).
 * An app of two lines, built by `build`; returns the gzip bytes of its start file.
 */
export async function bundlerStartOf(build: (app: string) => Promise<string>): Promise<number> {
  const app = mkdtempSync(join(tmpdir(), 'kefu-bundler-baseline-'));
  writeFileSync(
    join(app, 'main.js'),
    "document.body.onclick = () => import('./later.js').then((m) => m.run());\n",
  );
  writeFileSync(join(app, 'later.js'), "export const run = () => console.log('later');\n");
  const out = await build(app);
  const html = readFileSync(join(out, 'index.html'), 'utf8');
  const start = /src="\.?\/?([^"]+\.js)"/.exec(html)?.[1];
  if (!start) throw new Error(`no start script in ${html}`);
  const text = readFileSync(join(out, start), 'utf8');
  if (text.includes("'later'") || text.includes('"later"') || text.includes('`later`'))
    throw new Error('the lazily loaded module is in the start file');
  return gzipSync(text, { level: 9 }).length;
}
