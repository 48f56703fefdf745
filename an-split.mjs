import * as esbuild from 'esbuild';
import { gzipSync } from 'node:zlib';
import { readFileSync, rmSync } from 'node:fs';
rmSync('/tmp/an/s', { recursive: true, force: true });
const r = await esbuild.build({ entryPoints: { main: process.argv[2] }, bundle: true, splitting: true, format: 'esm', minify: true, write: true, metafile: true, outdir: '/tmp/an/s', jsx: 'automatic', jsxImportSource: 'preact' });
const o = r.metafile.outputs['/tmp/an/s/main.js'] ?? Object.entries(r.metafile.outputs).find(([k]) => k.endsWith('main.js'))[1];
const f = Object.keys(r.metafile.outputs).find((k) => k.endsWith('main.js'));
console.log('main gzip', gzipSync(readFileSync(f)).length, 'static imports', o.imports.filter(i=>i.kind==='import-statement').map(i=>i.path+':'+gzipSync(readFileSync(i.path)).length).join(' '));
for (const [k,v] of Object.entries(o.inputs).sort((a,b)=>b[1].bytesInOutput-a[1].bytesInOutput).slice(0,45)) console.log('   ', String(v.bytesInOutput).padStart(6), k);
