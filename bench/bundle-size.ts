// How much JavaScript a browser must fetch before the dashboard can render: the production build's
// entry script, everything index.html preloads, and (to be strict) everything those statically
// import, gzipped. Pages loaded with import() do not count; they are reported as lazy chunks.
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { parseAst } from 'vite';
import { atMost, bin, info, makeTempDir, MeasurementError, runBenchmark, runToCompletion } from './lib';

const BUDGET_BYTES = 150 * 1024;
const BUILD_TIMEOUT_MS = 5 * 60_000;

interface Tag {
  name: string;
  attributes: Map<string, string>;
}

/** Opening <script> and <link> tags with their attributes (enough for Vite's generated HTML). */
function scriptAndLinkTags(html: string): Tag[] {
  const tags: Tag[] = [];
  for (const match of html.matchAll(/<(script|link)\b([^>]*)>/gi)) {
    const attributes = new Map<string, string>();
    for (const attribute of (match[2] ?? '').matchAll(/([^\s=/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g)) {
      attributes.set(attribute[1]!.toLowerCase(), attribute[2] ?? attribute[3] ?? attribute[4] ?? '');
    }
    tags.push({ name: match[1]!.toLowerCase(), attributes });
  }
  return tags;
}

/** The URLs index.html makes the browser load up front: module entry scripts and modulepreloads. */
function initialScriptUrls(html: string): { entries: string[]; preloads: string[]; stylesheets: string[] } {
  const entries: string[] = [];
  const preloads: string[] = [];
  const stylesheets: string[] = [];
  for (const { name, attributes } of scriptAndLinkTags(html)) {
    const rel = attributes.get('rel')?.toLowerCase().split(/\s+/) ?? [];
    if (name === 'script' && attributes.get('type') === 'module' && attributes.get('src')) entries.push(attributes.get('src')!);
    if (name === 'link' && rel.includes('modulepreload') && attributes.get('href')) preloads.push(attributes.get('href')!);
    if (name === 'link' && rel.includes('stylesheet') && attributes.get('href')) stylesheets.push(attributes.get('href')!);
  }
  return { entries, preloads, stylesheets };
}

/** Specifiers of a module's static imports and re-exports; import() expressions are not among them. */
function staticImports(code: string, filename: string): string[] {
  const specifiers: string[] = [];
  // Static imports can only be top-level statements, so the program's body is all we need.
  for (const node of parseAst(code, null, filename).body) {
    if (node.type === 'ImportDeclaration' || node.type === 'ExportAllDeclaration' || (node.type === 'ExportNamedDeclaration' && node.source)) {
      const value = node.source?.value;
      if (typeof value === 'string') specifiers.push(value);
    }
  }
  return specifiers;
}

/** A URL from index.html (e.g. /assets/index-abc.js) as a file in the output directory, if local. */
function fileOfUrl(outDir: string, url: string): string | undefined {
  const parsed = new URL(url, 'http://console.invalid/');
  if (parsed.host !== 'console.invalid') return undefined; // a CDN script is not ours to weigh
  return path.join(outDir, decodeURIComponent(parsed.pathname));
}

/** The given files plus everything they import statically, transitively. */
function staticClosure(outDir: string, roots: string[]): string[] {
  const seen = new Set<string>();
  const pending = [...roots];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const specifier of staticImports(fs.readFileSync(file, 'utf8'), file)) {
      // Chunks import each other relatively; a root-absolute path is a URL on our own server.
      if (specifier.startsWith('./') || specifier.startsWith('../')) pending.push(path.resolve(path.dirname(file), specifier));
      else if (specifier.startsWith('/')) {
        const local = fileOfUrl(outDir, specifier);
        if (local) pending.push(local);
      }
    }
  }
  return [...seen];
}

function gzipSize(file: string): number {
  return zlib.gzipSync(fs.readFileSync(file), { level: 9 }).length;
}

function jsFilesUnder(dir: string): string[] {
  return fs
    .readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.js') || name.endsWith('.mjs'))
    .map((name) => path.join(dir, name));
}

async function measure() {
  const outDir = makeTempDir('bundle');
  // Into a temp dir so ./dist (which `npm run serve` uses) is never touched.
  const build = await runToCompletion(bin('vite'), ['build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'warn'], { timeoutMs: BUILD_TIMEOUT_MS });
  if (build.code !== 0) throw new MeasurementError(`vite build failed (exit ${build.code ?? build.signal}):\n${build.output}`);

  const html = fs.readFileSync(path.join(outDir, 'index.html'), 'utf8');
  const { entries, preloads, stylesheets } = initialScriptUrls(html);
  if (entries.length === 0) throw new MeasurementError('the built index.html has no <script type="module" src>');
  const listed = [...entries, ...preloads].map((url) => fileOfUrl(outDir, url)).filter((file): file is string => file !== undefined);
  const initialFiles = staticClosure(outDir, listed);

  const relative = (file: string) => path.relative(outDir, file);
  const initial = initialFiles
    .map((file) => ({
      file: relative(file),
      // Why it is initial: named by index.html, or only reached through a static import.
      via: entries.some((url) => fileOfUrl(outDir, url) === file) ? 'entry' : listed.includes(file) ? 'modulepreload' : 'static import',
      bytes: fs.statSync(file).size,
      gzipBytes: gzipSize(file),
    }))
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
  const totalGzip = initial.reduce((sum, f) => sum + f.gzipBytes, 0);

  const initialSet = new Set(initialFiles);
  const lazy = jsFilesUnder(outDir)
    .filter((file) => !initialSet.has(file))
    .map((file) => ({ file: relative(file), gzipBytes: gzipSize(file) }))
    .sort((a, b) => a.file.localeCompare(b.file));
  const css = stylesheets
    .map((url) => fileOfUrl(outDir, url))
    .filter((file): file is string => file !== undefined)
    .map((file) => ({ file: relative(file), gzipBytes: gzipSize(file) }));

  console.log('Initial JavaScript (gzip -9):');
  for (const f of initial) console.log(`  ${f.file.padEnd(48)} ${String(f.gzipBytes).padStart(8)} B  (${f.bytes} B raw, ${f.via})`);
  console.log(`  ${'total'.padEnd(48)} ${String(totalGzip).padStart(8)} B = ${(totalGzip / 1024).toFixed(1)} KB (budget ${BUDGET_BYTES} B)`);
  console.log(`Lazily loaded JavaScript chunks: ${lazy.length}`);
  for (const f of lazy) console.log(`  ${f.file.padEnd(48)} ${String(f.gzipBytes).padStart(8)} B`);
  for (const f of css) console.log(`Initial CSS (not budgeted): ${f.file} ${f.gzipBytes} B gzip`);

  return {
    checks: [
      atMost('initial JS (gzip)', totalGzip, 'bytes', BUDGET_BYTES),
      info('initial JS files', initial.length, 'count'),
      info('lazily loaded JS chunks', lazy.length, 'count'),
    ],
    details: { budgetBytes: BUDGET_BYTES, totalGzipBytes: totalGzip, initial, lazy, css },
  };
}

await runBenchmark('bundle-size', measure);
