// The layer rules of app/, read from every import in it (README, Development).
// It lives under test/core because the unit project runs test/core; it reads
// all of app/ because core's rule is as much about who may import core.
import { readdirSync, readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));

/**
 * The folders of app/ and the folders each may import. Arrows point inward:
 * the edges import core, core imports none of them. ui runs in the page and
 * workers in the browser's workers, so neither reaches the Node edges; the
 * page starts workers, workers never import the page. The command line
 * starts the service (`law watch`), so cli may import serve, never the other
 * way (the TensorFlow.js set-up both use lives in serve).
 */
const MAY_IMPORT: Record<string, readonly string[]> = {
  core: ['core'],
  workers: ['core'],
  ui: ['core', 'workers'],
  cli: ['core', 'serve'],
  serve: ['core'],
};

/** Areas that run in a browser: no `node:*` there either. */
const BROWSER = new Set(['core', 'workers', 'ui']);

/**
 * Core's modules from the bottom up: a module imports only modules on lower
 * rows (and itself); modules on one row do not import each other. A new
 * folder or top-level file in app/core must be given its row here.
 */
const CORE_LAYERS: readonly (readonly string[])[] = [
  ['field-error'], // the typed error every layer's validation throws
  // Leaves every layer uses: numbers, seeded randomness, searches, safe
  // regexes, progress/abort plumbing, how a value is shown in an error.
  ['matrix', 'random', 'bisect', 'linear-regex', 'progress', 'show-value'],
  ['ingest'], // bytes -> lines -> rows
  ['parse'], // fields and templates
  ['features'], // rows -> numeric matrix (and the per-group values of rows and units)
  ['detect'], // one detector per file
  ['evaluate'], // metrics, thresholds, curves
  ['experiment', 'explain'], // the spec (with its deploy section) and the runner; why a unit scored high
  ['score', 'watch', 'triage'], // fitted-spec scoring; law watch's pure policy; LLM triage requests
];

const coreRank = new Map(CORE_LAYERS.flatMap((row, rank) => row.map((m) => [m, rank] as const)));

/** Where a path inside app/ sits: its area and, in core, its module (`detect`, `matrix`). */
function place(path: string): { area: string; module: string | null } | null {
  const parts = relative(join(root, 'app'), path).split(sep);
  if (parts[0] === '..' || parts.length < 2) return null;
  if (parts[0] !== 'core') return { area: parts[0], module: null };
  return { area: 'core', module: parts.length > 2 ? parts[1] : parts[1].replace(/\.[^/]*$/, '') };
}

const isNodeBuiltin = (spec: string) => spec.startsWith('node:') || builtinModules.includes(spec.split('/')[0]);

/**
 * Why `file` may not import `spec`, or null if it may.
 * @param file absolute path of the importing file, inside app/
 * @param spec the import as written (`../detect/detector.ts`, `node:fs`)
 */
export function layerViolation(file: string, spec: string): string | null {
  const from = place(file);
  if (!from) return null;
  if (!spec.startsWith('.')) {
    if (BROWSER.has(from.area) && isNodeBuiltin(spec)) return `${from.area} imports Node's ${spec}`;
    if (from.area === 'core' && (spec === 'svelte' || spec.startsWith('svelte/'))) return 'core imports Svelte';
    return null;
  }
  const to = place(resolve(dirname(file), spec.replace(/\?.*$/, '')));
  if (!to) return null; // package.json, the sample dataset: outside the layers
  if (from.area === 'core' && to.area === 'core' && from.module && to.module && from.module !== to.module) {
    const a = coreRank.get(from.module);
    const b = coreRank.get(to.module);
    if (a === undefined) return `core/${from.module} has no row in CORE_LAYERS`;
    if (b === undefined) return `core/${to.module} has no row in CORE_LAYERS`;
    return b < a ? null : `core/${from.module} → core/${to.module} runs ${b === a ? 'across a row' : 'up'}`;
  }
  const allowed = MAY_IMPORT[from.area];
  if (!allowed) return `app/${from.area} has no entry in MAY_IMPORT`;
  return from.area === to.area || allowed.includes(to.area) ? null : `${from.area} → ${to.area}`;
}

/** Every module a file imports: static, type-only, re-exports, dynamic, and `new URL(…, import.meta.url)` workers. */
function importsOf(path: string): string[] {
  let text = readFileSync(path, 'utf8');
  if (path.endsWith('.svelte')) text = [...text.matchAll(/<script\b[^>]*>([\s\S]*?)<\/script>/g)].map((m) => m[1]).join('\n');
  const specs = ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
  for (const m of text.matchAll(/new URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g)) specs.push(m[1]);
  return specs;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return sourceFiles(p);
    return /\.(ts|svelte)$/.test(e.name) && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

describe('layers', () => {
  it('every import in app/ follows the layer rules', () => {
    const files = sourceFiles(join(root, 'app'));
    expect(files.length).toBeGreaterThan(100);
    const violations = files.flatMap((file) =>
      importsOf(file).flatMap((spec) => {
        const why = layerViolation(file, spec);
        return why ? [`${relative(root, file)} imports '${spec}': ${why}`] : [];
      }),
    );
    expect(violations).toEqual([]);
  });

  it('names the arrows it refuses', () => {
    const at = (p: string) => join(root, 'app', p);
    expect(layerViolation(at('core/ingest/read-logs.ts'), '../detect/detector.ts')).toBe('core/ingest → core/detect runs up');
    expect(layerViolation(at('core/experiment/spec.ts'), '../explain/projection-2d.ts')).toBe('core/experiment → core/explain runs across a row');
    expect(layerViolation(at('core/progress.ts'), './matrix.ts')).toBe('core/progress → core/matrix runs across a row');
    expect(layerViolation(at('core/newthing/x.ts'), '../matrix.ts')).toBe('core/newthing has no row in CORE_LAYERS');
    expect(layerViolation(at('core/ingest/x.ts'), '../../ui/App.svelte')).toBe('core → ui');
    expect(layerViolation(at('core/ingest/x.ts'), 'node:fs')).toBe("core imports Node's node:fs");
    expect(layerViolation(at('core/ingest/x.ts'), 'fs/promises')).toBe("core imports Node's fs/promises");
    expect(layerViolation(at('core/ingest/x.ts'), 'svelte/store')).toBe('core imports Svelte');
    expect(layerViolation(at('workers/x.worker.ts'), '../cli/main.ts')).toBe('workers → cli');
    expect(layerViolation(at('workers/x.worker.ts'), '../ui/workers.ts')).toBe('workers → ui');
    expect(layerViolation(at('ui/x.ts'), '../serve/watch-service.ts')).toBe('ui → serve');
    expect(layerViolation(at('ui/x.ts'), 'node:path')).toBe("ui imports Node's node:path");
    expect(layerViolation(at('serve/x.ts'), '../cli/main.ts')).toBe('serve → cli');
    // Allowed: down in core, edges into core, the page into its workers, packages.
    expect(layerViolation(at('core/features/word-vectors.ts'), '../progress.ts')).toBeNull();
    expect(layerViolation(at('cli/main.ts'), '../core/experiment/spec.ts')).toBeNull();
    expect(layerViolation(at('ui/workers.ts'), '../workers/ingest.worker.ts')).toBeNull();
    expect(layerViolation(at('cli/main.ts'), 'node:fs')).toBeNull();
    expect(layerViolation(at('cli/watch-command.ts'), '../serve/watch-service.ts')).toBeNull();
    expect(layerViolation(at('core/ingest/to-table.ts'), 'arquero')).toBeNull();
  });

  it('reads imports the way they are written', () => {
    const file = join(root, 'app/ui/workers.ts');
    expect(importsOf(file)).toContain('../workers/ingest.worker.ts');
  });
});
