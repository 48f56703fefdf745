import { publint } from 'publint';
import { describe, expect, it } from 'vitest';
import { root, run } from './helpers';

// The script-tag files are loaded with <script>, never imported, so they have no declarations
// for attw to find (window.Kefu is declared globally instead).
const SCRIPT_FILES = [
  './kefu.iife.js',
  './kefu-core.js',
  './kefu-panel.js',
  './kefu-runtime.js',
  './kefu-watch.js',
  './kefu-locale-*.js',
];

describe('the package as published', () => {
  it('passes publint with no error, warning or suggestion', async () => {
    const { messages } = await publint({ pkgDir: root, level: 'suggestion', strict: true });
    expect(messages).toEqual([]);
  });

  it('passes Are the Types Wrong for every typed entry, node10 resolution included', async () => {
    const result = await run('npx', [
      'attw',
      '--pack',
      '.',
      '--format',
      'json',
      '--exclude-entrypoints',
      ...SCRIPT_FILES,
      // kefu/global is one declaration file that augments `window` (read with
      // `/// <reference types>`): no module to import, so CommonJS reading it as ESM costs nothing.
      './global',
    ]);
    const report = JSON.parse(result.stdout) as {
      analysis: { problems: { kind: string; entrypoint: string; resolutionKind: string }[] };
    };
    // The browser entries are ES modules only: CommonJS reaches them as ESM (import(), or
    // require() from Node 20.19), which attw reports for node16's CommonJS resolution. Nothing else.
    const esmOnly = (p: { kind: string; entrypoint: string; resolutionKind: string }) =>
      p.kind === 'CJSResolvesToESM' &&
      p.resolutionKind === 'node16-cjs' &&
      (p.entrypoint === '.' || p.entrypoint === './widget');
    expect(report.analysis.problems.filter((p) => !esmOnly(p))).toEqual([]);
    expect(report.analysis.problems.filter(esmOnly).map((p) => p.entrypoint)).toEqual([
      '.',
      './widget',
    ]);
    // attw packs the whole package and resolves every entry four ways: about 15 s on an idle
    // 2-core machine, over 60 s when two test runs share it (issue 13's measure).
  }, 240_000);
});
