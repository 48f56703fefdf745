import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

/** The repository root, where package.json and the built dist/ are. */
export const root = fileURLToPath(new URL('../../', import.meta.url));

/**
 * One subpath of package.json `exports` with its ESM and CJS files and declarations; the browser
 * entries (`kefu`, `kefu/widget`) have no CJS copy.
 */
export interface PackageEntry {
  subpath: string;
  esm: { types: string; file: string };
  cjs?: { types: string; file: string };
}

type Condition = { types: string; default: string };
type Target = string | Condition | { import: Condition; require: Condition };

/** Every typed entry of package.json `exports` (the script-tag files carry no types). */
export function typedEntries(): PackageEntry[] {
  const pkg = JSON.parse(readFileSync(`${root}package.json`, 'utf8')) as {
    exports: Record<string, Target>;
  };
  // kefu/global declares window.Kefu and exports no value: a declaration file and no code.
  return Object.entries(pkg.exports).flatMap(([subpath, target]): PackageEntry[] => {
    if (typeof target === 'string' || subpath === './global') return [];
    if (!('import' in target))
      return [{ subpath, esm: { types: target.types, file: target.default } }];
    return [
      {
        subpath,
        esm: { types: target.import.types, file: target.import.default },
        cjs: { types: target.require.types, file: target.require.default },
      },
    ];
  });
}

/** Runs a command in the repository root; resolves with its output, whatever its exit code. */
export async function run(
  command: string,
  args: string[],
): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(command, args, {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failed = error as { code?: number; stdout?: string; stderr?: string };
    return {
      code: typeof failed.code === 'number' ? failed.code : 1,
      stdout: failed.stdout ?? '',
      stderr: failed.stderr ?? '',
    };
  }
}
