import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readFaqDirectory } from '../../examples/server/faq';

const dirs: string[] = [];
const directory = (files: Record<string, unknown>) => {
  const dir = mkdtempSync(join(tmpdir(), 'kefu-faq-dir-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files))
    writeFileSync(join(dir, name), JSON.stringify(content));
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("the reference server's FAQ directory", () => {
  it('answers a locale with its own file, else a file of the same language, each article tagged', () => {
    const faq = readFaqDirectory(
      directory({
        'zh-CN.json': [{ id: 'z1', title: '退款', body: '七天内', unknown: 1 }],
        'en.json': [{ id: 'e1', title: 'Refunds', body: 'Within 7 days', locale: 'en-GB' }],
      }),
    );
    expect(faq('zh-CN')).toEqual([{ id: 'z1', title: '退款', body: '七天内', locale: 'zh-CN' }]);
    expect(faq('zh-TW')?.[0]?.id).toBe('z1');
    expect(faq('en-US')).toEqual([
      { id: 'e1', title: 'Refunds', body: 'Within 7 days', locale: 'en-GB' },
    ]);
    expect(faq('ja')).toBeUndefined();
  });

  it('refuses an article without a title, or with a blank one, naming the file and the field', () => {
    for (const title of ['', '   ']) {
      const dir = directory({
        'en.json': [
          { id: 'ok', title: 'Fine', body: 'b' },
          { id: 'bad', title, body: 'b' },
        ],
      });
      expect(() => readFaqDirectory(dir)).toThrow(
        'FAQ file en.json: `1.title` needs a title: the widget lists articles by title',
      );
    }
  });

  it('refuses an article that is not one, naming what is wrong', () => {
    const dir = directory({ 'en.json': [{ id: 'x', title: 'T', body: 5 }] });
    expect(() => readFaqDirectory(dir)).toThrow('FAQ file en.json: `0.body` expected string');
  });
});
