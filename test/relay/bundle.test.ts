// @vitest-environment node
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

describe('the kefu/relay bundle', () => {
  it('bundles for a neutral platform with no Node built-ins, Preact or idb-keyval', async () => {
    const result = await build({
      entryPoints: ['src/relay/index.ts'],
      bundle: true,
      write: false,
      format: 'esm',
      platform: 'neutral',
      mainFields: ['module', 'main'],
      metafile: true,
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((i) => /preact|idb-keyval|node:/.test(i))).toEqual([]);
    // The server side reaches only the ground modules, never a browser module such as transport.
    const modules = new Set(inputs.map((i) => /^src\/[^/]+/.exec(i)?.[0] ?? 'package'));
    expect([...modules].sort()).toEqual([
      'package',
      'src/errors',
      'src/protocol',
      'src/relay',
      'src/shared',
    ]);
    expect(result.outputFiles[0]!.text).not.toMatch(
      /from\s*["']node:|require\(["'](fs|path|crypto|http)/,
    );
  });
});
