// @vitest-environment node
import { type ChildProcess, spawn } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../helpers/free-port';
import { ticketEnvelope } from '../helpers/envelopes';
import { proof } from '../relay/helpers';
import { FRAMEWORK_SHIMS } from './framework-shims';

// Every code block of examples/guides/*.md, checked against the built package (`npm test` builds
// first): TypeScript and JavaScript blocks are compiled with strict tsc as a user's project would
// (`kefu` resolved through package.json "exports" to dist/*.d.ts), the frameworks kefu does not
// depend on through the small declarations in framework-shims.ts; blocks marked `run` are also
// run; the HTML snippet must be the one examples/video-app ships and the browser tests run.
const root = fileURLToPath(new URL('../../', import.meta.url));
const guides = join(root, 'examples/guides');

interface Block {
  guide: string;
  line: number;
  lang: string;
  file: string;
  run: boolean;
  code: string;
}

/** The fenced blocks of a guide, with the info string's `file=<name>` and `run`. */
function blocksOf(guide: string): Block[] {
  const text = readFileSync(join(guides, guide), 'utf8');
  const blocks: Block[] = [];
  const fence = /^```(\w+)([^\n]*)\n([\s\S]*?)^```$/gm;
  for (let m = fence.exec(text); m; m = fence.exec(text)) {
    const [, lang, info, code] = m as unknown as [string, string, string, string];
    const line = text.slice(0, m.index).split('\n').length;
    const ext = lang === 'tsx' ? 'tsx' : lang === 'js' ? 'js' : 'ts';
    const file = /file=([\w.-]+)/.exec(info)?.[1] ?? `${guide.replace('.md', '')}-${line}.${ext}`;
    blocks.push({ guide, line, lang, file, run: /\brun\b/.test(info), code });
  }
  return blocks;
}

const allBlocks = readdirSync(guides)
  .filter((f) => f.endsWith('.md'))
  .sort()
  .flatMap(blocksOf);
const compiled = allBlocks.filter((b) => ['ts', 'tsx', 'js'].includes(b.lang));

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kefu-guides-'));
  mkdirSync(join(dir, 'node_modules'));
  // The package as an app installs it: its package.json "exports" pick dist/ and its types.
  symlinkSync(root, join(dir, 'node_modules/kefu'), 'dir');
  for (const [path, text] of Object.entries(FRAMEWORK_SHIMS)) {
    mkdirSync(join(dir, 'node_modules', path, '..'), { recursive: true });
    writeFileSync(join(dir, 'node_modules', path), text);
  }
  for (const block of compiled) {
    // Modules, so that top-level await works; JavaScript pages get window.Kefu's types as an
    // editor would with the reference line.
    const head = block.lang === 'js' ? '// @ts-check\n/// <reference types="kefu/global" />\n' : '';
    writeFileSync(join(dir, block.file), `${head}${block.code}\nexport {};\n`);
  }
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the guides', () => {
  it('have code blocks in every guide, each named by its file and language', () => {
    expect([...new Set(allBlocks.map((b) => b.guide))]).toEqual([
      'helpdesks.md',
      'nextjs.md',
      'react.md',
      'relay.md',
      'script-tag.md',
      'vue.md',
    ]);
    expect(allBlocks.filter((b) => !['ts', 'tsx', 'js', 'html', 'sh'].includes(b.lang))).toEqual(
      [],
    );
  });

  it('compile with strict tsc against the built package, every block without an error', () => {
    const program = ts.createProgram(
      compiled.map((b) => join(dir, b.file)),
      {
        strict: true,
        noUncheckedIndexedAccess: true,
        target: ts.ScriptTarget.ES2022,
        module: ts.ModuleKind.ESNext,
        moduleResolution: ts.ModuleResolutionKind.Bundler,
        jsx: ts.JsxEmit.ReactJSX,
        lib: [
          'lib.es2022.d.ts',
          'lib.dom.d.ts',
          'lib.dom.iterable.d.ts',
          'lib.dom.asynciterable.d.ts',
        ],
        types: ['node'],
        typeRoots: [join(root, 'node_modules/@types')],
        allowJs: true,
        checkJs: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
      },
    );
    const problems = ts.getPreEmitDiagnostics(program).map((d) => {
      const block = compiled.find((b) => d.file?.fileName.endsWith(`/${b.file}`));
      const at =
        d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start) : undefined;
      const where = block
        ? `${block.guide}:${block.line + (at ? at.line + 1 : 0)}`
        : d.file?.fileName;
      return `${where}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
    });
    expect(problems).toEqual([]);
    expect(compiled.length).toBeGreaterThanOrEqual(20);
  }, 180_000);

  it('show the exact snippet that the example app ships and the browser tests run', () => {
    const shipped = /<script>\(function\(w,q\)[\s\S]*?<\/script>/.exec(
      readFileSync(join(root, 'examples/video-app/index.html'), 'utf8'),
    )![0];
    const html = allBlocks.filter((b) => b.lang === 'html');
    expect(html.map((b) => b.guide)).toEqual(['script-tag.md']);
    expect(html[0]!.code).toContain(shipped.trim());
    expect(readFileSync(join(root, 'README.md'), 'utf8')).toContain(shipped.trim());
  });
});

describe('the relay guide’s Node server', () => {
  let server: ChildProcess | undefined;
  afterAll(() => void server?.kill());

  it('runs as written and stores a ticket posted to it', async () => {
    const block = allBlocks.find((b) => b.run)!;
    expect(block.file).toBe('relay-server.ts');
    const port = await freePort();
    server = spawn(join(root, 'node_modules/.bin/tsx'), [block.file], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), APP_ORIGIN: 'https://app.example.com' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    server.stdout!.on('data', (chunk) => (output += chunk));
    server.stderr!.on('data', (chunk) => (output += chunk));
    await expect.poll(() => output, { timeout: 30_000 }).toContain(`localhost:${port}/api`);
    const envelope = ticketEnvelope();
    const post = () =>
      fetch(`http://127.0.0.1:${port}/api/tickets`, {
        method: 'POST',
        headers: {
          'Content-Type': 'application/json',
          'Idempotency-Key': envelope.id,
          Origin: 'https://app.example.com',
          // The ticket's secret, as the SDK sends it: a repeat proves it is the author's.
          ...proof,
        },
        body: JSON.stringify(envelope),
      });
    const first = await post();
    expect(first.status).toBe(201);
    expect(first.headers.get('access-control-allow-origin')).toBe('https://app.example.com');
    const created = (await first.json()) as { id: string; status: string };
    // Sent again (an answer lost on the way): the same ticket, not a second one.
    const again = await post();
    expect(again.status).toBe(200);
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    const refused = await fetch(`http://127.0.0.1:${port}/api/tickets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Origin: 'https://evil.example' },
      body: JSON.stringify(ticketEnvelope()),
    });
    expect(refused.status).toBe(403);
  }, 60_000);
});
