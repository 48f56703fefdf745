import { createRequire } from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { root, typedEntries } from './helpers';

const entries = typedEntries();
// One program for every declaration file: the checker is what takes the time.
const program = ts.createProgram(
  entries
    .flatMap((entry) => [entry.esm.types, ...(entry.cjs ? [entry.cjs.types] : [])])
    .map((types) => join(root, types)),
  {
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    skipLibCheck: true,
    noEmit: true,
  },
);
const checker = program.getTypeChecker();

// What a bundled declaration file says its module exports as values (functions, constants,
// classes), read with the TypeScript checker: a type-only export declares no value.
function declaredValues(declarationFile: string): string[] {
  const source = program.getSourceFile(join(root, declarationFile));
  if (!source) throw new Error(`${declarationFile} is missing: run npm run build`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) return [];
  return checker
    .getExportsOfModule(moduleSymbol)
    .filter((symbol) => {
      const target =
        symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
      return (target.flags & ts.SymbolFlags.Value) !== 0;
    })
    .map((symbol) => symbol.name)
    .sort();
}

const runtimeNames = (module: Record<string, unknown>) =>
  Object.keys(module)
    .filter((name) => name !== 'default' && name !== '__esModule' && module[name] !== undefined)
    .sort();

const require = createRequire(import.meta.url);

// A declared value that does not exist compiles and then fails at import; a runtime export that
// is not declared cannot be used from TypeScript. Both directions, every entry, ESM and CJS.
describe.each(entries)('the $subpath entry', (entry) => {
  it('exports at runtime from its ESM file exactly the values its .d.ts declares', async () => {
    const declared = declaredValues(entry.esm.types);
    expect(declared.length).toBeGreaterThan(0);
    const module = (await import(pathToFileURL(join(root, entry.esm.file)).href)) as Record<
      string,
      unknown
    >;
    expect(runtimeNames(module)).toEqual(declared);
  });

  // A CommonJS app on Node 20.19 or later requires an ES module directly (require(esm)).
  it.skipIf(!!entry.cjs)('loads with require() from CommonJS, as an ES module', () => {
    const module = require(join(root, entry.esm.file)) as Record<string, unknown>;
    expect(runtimeNames(module)).toEqual(declaredValues(entry.esm.types));
  });

  it.skipIf(!entry.cjs)(
    'exports at runtime from its CJS file exactly the values its .d.cts declares',
    () => {
      const declared = declaredValues(entry.cjs!.types);
      expect(declared.length).toBeGreaterThan(0);
      const module = require(join(root, entry.cjs!.file)) as Record<string, unknown>;
      expect(runtimeNames(module)).toEqual(declared);
    },
  );
});
