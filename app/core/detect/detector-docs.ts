/**
 * The README's list of detector params, made from the declarations:
 * `scripts/detector-docs.ts` writes it between two markers in the spec
 * section, and a test checks that the README holds what this makes.
 */
import type { AnyDeclaration, ParamDeclaration } from './declaration.ts';

/** The marker lines the generated list sits between (indented as items of the spec section's list). */
export const DOCS_START = '  <!-- detector params: made from the declarations in app/core/detect/ by `npm run detector-docs`; edit those -->';
export const DOCS_END = '  <!-- end of detector params -->';

/** What the brackets after a parameter say: its default (a choice's words, the default first), or its `docs`. */
function shownDefault(p: ParamDeclaration, value: unknown): string {
  if (p.docs) return p.docs;
  if (p.kind === 'choice') return [value, ...(p.choices ?? []).filter((c) => c !== value)].map((c) => `\`${c}\``).join(' | ');
  if (Array.isArray(value)) return `[${value.join(', ')}]`;
  return String(value);
}

/** One detector's line: its type, every parameter with its default, in the order of its defaults, and its docs line. */
export function docsLine(d: AnyDeclaration): string {
  const params = d.params as Record<string, ParamDeclaration>;
  const defaults = d.defaults as Record<string, unknown>;
  const shown = Object.keys(defaults).map((name) => `\`${name}\` (${shownDefault(params[name], defaults[name])})`);
  return `- \`${d.type}\`: ${shown.join(', ')} — ${d.docs}`;
}

/** The lines between the markers: one item per declaration, `;` between them and `.` after the last. */
export function detectorDocs(declarations: readonly AnyDeclaration[]): string {
  return declarations.map((d, i) => `  ${docsLine(d)}${i === declarations.length - 1 ? '.' : ';'}`).join('\n');
}

/**
 * The text between the markers of a README (without the marker lines).
 * @throws when a marker is missing or they are out of order
 */
export function docsSection(readme: string): string {
  const start = readme.indexOf(`${DOCS_START}\n`);
  const end = readme.indexOf(`\n${DOCS_END}`);
  if (start < 0 || end < start) throw new Error('README: the detector params markers are missing or out of order');
  return readme.slice(start + DOCS_START.length + 1, end);
}

/** The README with `section` in place of what the markers held. */
export function withDocsSection(readme: string, section: string): string {
  const old = docsSection(readme);
  const at = readme.indexOf(`${DOCS_START}\n`) + DOCS_START.length + 1;
  return readme.slice(0, at) + section + readme.slice(at + old.length);
}
