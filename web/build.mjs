// Builds the dashboard into dist/: one bundled, minified script and one stylesheet with content
// hashes in their names (served immutable), and index.html naming them (served no-cache).
// Run by `npm run build`, which Fathom.Api's build runs (src/Fathom.Api/Dashboard.targets).
import { build } from 'esbuild';
import { readFile, writeFile, rm, mkdir } from 'node:fs/promises';
import { basename } from 'node:path';

const dist = new URL('./dist/', import.meta.url).pathname;
await rm(dist, { recursive: true, force: true });
await mkdir(dist, { recursive: true });

const result = await build({
  entryPoints: { app: 'src/main.ts' },
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome110', 'firefox110', 'safari16'],
  outdir: dist + 'assets',
  entryNames: '[name]-[hash]',
  // The charts (uPlot) are a chunk of their own, loaded when a chart is drawn: the collectors
  // table paints without waiting for it.
  splitting: true,
  chunkNames: 'chunk-[hash]',
  assetNames: '[name]-[hash]',
  metafile: true,
  legalComments: 'none',
  logLevel: 'warning',
});

const outputs = Object.keys(result.metafile.outputs).map((p) => basename(p));
const js = outputs.find((f) => f.startsWith('app-') && f.endsWith('.js'));
const css = outputs.find((f) => f.endsWith('.css'));
if (!js || !css) {
  throw new Error(`esbuild produced ${outputs.join(', ')}: expected one .js and one .css`);
}

const template = await readFile(new URL('./index.html', import.meta.url), 'utf8');
const html = template.replaceAll('%CSS%', `/assets/${css}`).replaceAll('%JS%', `/assets/${js}`);
await writeFile(dist + 'index.html', html);
console.log(`dashboard: dist/index.html, assets/${js}, assets/${css}`);
