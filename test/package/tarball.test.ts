import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { root, run } from './helpers';

interface Packed {
  unpackedSize: number;
  files: { path: string; size: number }[];
}

// What npm installs: the library's code (whitespace and syntax minified), its declarations, the
// script-tag files and the README; no source maps, no CommonJS copy of the browser entries.
const MAX_UNPACKED_BYTES = 2_000_000;

describe('the published tarball', async () => {
  const packed = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts']);
  const [pkg] = JSON.parse(packed.stdout) as Packed[];
  const paths = pkg!.files.map((f) => f.path);

  it('stays under 2 MB unpacked', () => {
    expect(pkg!.unpackedSize).toBeLessThan(MAX_UNPACKED_BYTES);
  });

  it('ships no source maps and no sources, only the build', () => {
    expect(paths.filter((p) => p.endsWith('.map'))).toEqual([]);
    expect(paths.filter((p) => p.startsWith('src/'))).toEqual([]);
  });

  it('carries the MIT license, the README and every file package.json exports', () => {
    expect(paths).toContain('LICENSE');
    const license = readFileSync(`${root}LICENSE`, 'utf8');
    expect(license).toMatch(/^MIT License\n\nCopyright \(c\) \d{4} kefu contributors\n/);
    expect(paths).toContain('README.md');
    for (const file of [
      'dist/index.js',
      'dist/widget/index.js',
      'dist/relay/index.cjs',
      'dist/relay/node/index.js',
      'dist/relay/node/index.d.cts',
      'dist/kefu.iife.js',
    ])
      expect(paths).toContain(file);
  });
});
