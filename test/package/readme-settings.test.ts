import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { root } from './helpers';

// Every variable the reference server reads is documented in README "Deploying the relay".
describe('README "Deploying the relay"', () => {
  it('lists every environment variable examples/server reads', () => {
    const dir = join(root, 'examples/server');
    const code = readdirSync(dir)
      .filter((f) => f.endsWith('.ts'))
      .map((f) => readFileSync(join(dir, f), 'utf8'))
      .join('\n');
    const read = new Set(
      [...code.matchAll(/\b(?:env\.|need\(')(KEFU_[A-Z_]+|PORT|HOST)\b/g)].map((m) => m[1]!),
    );
    const readme = readFileSync(join(root, 'README.md'), 'utf8');
    const section = readme.slice(readme.indexOf('### Deploying the relay'));
    const documented = section.slice(0, section.indexOf('\n### ', 5));
    expect(read.size).toBeGreaterThan(20);
    for (const name of read) expect(documented, name).toContain(`\`${name}\``);
  });
});
