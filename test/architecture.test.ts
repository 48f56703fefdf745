// @vitest-environment node
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const text = readFileSync(new URL('../ARCHITECTURE.md', import.meta.url), 'utf8');
// Every backticked repository path: a file with an extension, or a folder ending in "/".
const paths = [...text.matchAll(/`((?:src|test|examples)\/[^`\s]*|[\w.-]+\.(?:ts|md|json))`/g)]
  .map((m) => m[1]!)
  .filter((path) => !path.includes('<'));

describe('ARCHITECTURE.md', () => {
  it('names paths, so that this test has something to keep true', () => {
    expect(paths.length).toBeGreaterThan(40);
    expect(paths).toContain('src/relay/connectors/helpdesk-connector.ts');
  });

  it('names only files and folders that exist', () => {
    const missing = paths.filter((path) => !existsSync(new URL(`../${path}`, import.meta.url)));
    expect(missing).toEqual([]);
  });
});
