/**
 * The Content-Security-Policy of the built page, delivered as a
 * `<meta http-equiv="Content-Security-Policy">` in dist/index.html only: the
 * dev server's HMR needs inline scripts and a websocket, so `vite` (dev) runs
 * without it.
 *
 * Each source below was measured in the built page (test/e2e/csp.test.ts
 * fails on any violation while the app loads, scores, trains the autoencoder
 * and draws its charts):
 * A meta policy governs the document only: a worker loaded from a
 * same-origin URL takes its policy from its own response headers (measured in
 * Chromium: under `script-src 'self'` in the page, Function() and WebAssembly
 * still run in a worker). So worker-src decides which scripts may become
 * workers, and the sources below are what the document itself needs; a host
 * that also sends this policy as a header (it should, for frame-ancestors)
 * gives it to the workers too, where the same sources suffice.
 * - script-src 'self': the entry chunk. 'wasm-unsafe-eval': WebAssembly
 *   compilation, for the TensorFlow.js wasm backend of the autoencoder (in
 *   the workers) and tfjs-core's long.js, which compiles a tiny wasm module on
 *   the main thread (without it every load reports a violation). No inline
 *   script.
 *   No 'unsafe-eval': the page's own code reads Arquero tables cell by cell
 *   (`table.get`), never through Arquero's compiled expressions on the main
 *   thread (the workers, which take no policy from this tag, may).
 * - worker-src 'self': Vite emits each `new Worker(new URL(…), { type: 'module' })`
 *   as a same-origin /assets/*.worker-*.js. tfjs-backend-wasm would make blob:
 *   workers only for threads, which app/workers/tf-web.ts switches off (and it
 *   maps every .wasm name to the same-origin assets Vite emits), so no blob:.
 * - style-src 'self' plus the hashes of Observable Plot's `<style>` elements:
 *   the stylesheet Vite extracts, and the fixed CSS Plot writes into each chart
 *   and legend. Inline style *attributes* are not needed: Svelte's `style:`
 *   and Plot set styles through the CSSOM, which CSP does not govern. No
 *   'unsafe-inline'.
 * - img-src data:: the favicon, and Plot's colour-ramp legends (a canvas
 *   drawn into an SVG `<image>` as a data: URL).
 * - connect-src 'self' https: http://localhost:* http://127.0.0.1:*: the
 *   bundled sample is same-origin; LLM triage posts to the endpoint
 *   the user types into the page, which a static policy cannot know, so any
 *   https: origin and a local model server on loopback are allowed. This only
 *   permits fetch/XHR: scripts, workers, styles, frames and objects still
 *   come from this origin alone, so a hostile log line cannot load code.
 * - default-src 'none', object-src 'none', base-uri 'none', form-action 'none':
 *   everything else (fonts, frames, media, manifests, plugins, a `<base>`
 *   that would re-point relative URLs, form posts) is refused.
 * `frame-ancestors` (clickjacking) is ignored in a meta policy: a host that
 * wants it must send it as an HTTP header (`frame-ancestors 'none'`).
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'vite';

/**
 * The text of every `<style>` element Observable Plot 0.6.17 creates with the
 * default class name (plot.js, legends/ramp.js, legends/swatches.js without
 * `columns`, the only legend layouts the app draws). If Plot changes them the
 * CSP test reports "Refused to apply inline style" and these need updating.
 */
const PLOT_STYLES = [
  `:where(.plot-d6a7b5) {
  --plot-background: white;
  display: block;
  height: auto;
  height: intrinsic;
  max-width: 100%;
}
:where(.plot-d6a7b5 text),
:where(.plot-d6a7b5 tspan) {
  white-space: pre;
}`,
  `:where(.plot-d6a7b5-ramp) {
  display: block;
  height: auto;
  height: intrinsic;
  max-width: 100%;
  overflow: visible;
}
:where(.plot-d6a7b5-ramp text) {
  white-space: pre;
}`,
  `:where(.plot-d6a7b5-swatches) {
  font-family: system-ui, sans-serif;
  font-size: 10px;
  margin-bottom: 0.5em;
}
:where(.plot-d6a7b5-swatch > svg) {
  margin-right: 0.5em;
  overflow: visible;
}
:where(.plot-d6a7b5-swatches-wrap) {
  display: flex;
  align-items: center;
  min-height: 33px;
  flex-wrap: wrap;
}
:where(.plot-d6a7b5-swatches-wrap .plot-d6a7b5-swatch) {
  display: inline-flex;
  align-items: center;
  margin-right: 1em;
}`,
];

const hash = (text: string) => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** The policy, one directive per entry (see the file comment for why each). */
export const CSP_DIRECTIVES: Record<string, string[]> = {
  'default-src': ["'none'"],
  'script-src': ["'self'", "'wasm-unsafe-eval'"],
  'worker-src': ["'self'"],
  'style-src': ["'self'", ...PLOT_STYLES.map(hash)],
  'img-src': ['data:'],
  'connect-src': ["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*'],
  'object-src': ["'none'"],
  'base-uri': ["'none'"],
  'form-action': ["'none'"],
};

export const CSP = Object.entries(CSP_DIRECTIVES)
  .map(([name, sources]) => `${name} ${sources.join(' ')}`)
  .join('; ');

/** Puts the policy first in the built page's head, before any script or stylesheet. */
export function contentSecurityPolicy(): Plugin {
  return {
    name: 'law:content-security-policy',
    apply: 'build',
    transformIndexHtml: {
      order: 'post',
      handler(html) {
        const charset = /<meta charset="UTF-8" \/>/i;
        if (!charset.test(html)) throw new Error('index.html: no <meta charset="UTF-8" /> to put the Content-Security-Policy after');
        return html.replace(charset, (m) => `${m}\n    <meta http-equiv="Content-Security-Policy" content="${CSP}" />`);
      },
    },
  };
}
