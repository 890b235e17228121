// The two files users read, spec.schema.json and the README, hold what the
// declarations make (scripts/detector-docs.ts writes both).
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import type { DetectorDeclaration } from '../../../app/core/detect/declaration.ts';
import { DOCS_END, DOCS_START, detectorDocs, docsLine, docsSection, withDocsSection } from '../../../app/core/detect/detector-docs.ts';
import { detectorItemsOf, detectorsSchemaPart, paramSchema, paramsSchema } from '../../../app/core/detect/params-schema.ts';
import { DECLARATIONS } from '../../../app/core/detect/registry.ts';

const read = (path: string) => readFileSync(new URL(`../../../${path}`, import.meta.url), 'utf8');
const FIX = 'run `npm run detector-docs`';

interface Toy {
  size: number;
  mode: 'a' | 'b';
  ids: string[];
  fixed: number | null;
  sizes: number[];
}
const TOY: DetectorDeclaration<Toy> = {
  type: 'toy', label: 'Toy', summary: 'a toy', idPrefix: 'toy', docs: 'for tests',
  defaults: { size: 2, mode: 'b', ids: [], fixed: null, sizes: [3, 4] },
  params: {
    size: { kind: 'number', label: 'Size', limit: { min: 0, max: 1, exclusiveMin: true, exclusiveMax: true }, description: 'How big.' },
    mode: { kind: 'choice', label: 'Mode', choices: ['a', 'b'] },
    ids: { kind: 'ids', label: 'Runs', required: true, minItems: 2, docs: 'two or more' },
    fixed: { kind: 'integer', label: 'Fixed', limit: { min: 0, max: 9, integer: true }, nullable: true, docs: 'null: chosen' },
    sizes: { kind: 'integers', label: 'Sizes', limit: { min: 1, max: 64, integer: true, maxItems: 3 } },
  },
};

describe('spec.schema.json\'s detector part', () => {
  it('is what the declarations make', () => {
    const items = detectorItemsOf(JSON.parse(read('app/core/experiment/spec.schema.json')));
    const part = detectorsSchemaPart(DECLARATIONS);
    expect(items.properties.type.enum, FIX).toEqual(part.types);
    expect(items.allOf, FIX).toEqual(part.rules);
  });

  it('types each kind of parameter, with its bounds and default (none when required)', () => {
    expect(paramsSchema(TOY)).toEqual({
      type: 'object',
      additionalProperties: false,
      properties: {
        size: { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1, default: 2, description: 'How big.' },
        mode: { enum: ['a', 'b'], default: 'b' },
        ids: { type: 'array', minItems: 2, items: { type: 'string' } },
        fixed: { type: ['integer', 'null'], minimum: 0, maximum: 9, default: null },
        sizes: { type: 'array', minItems: 1, maxItems: 3, items: { type: 'integer', minimum: 1, maximum: 64 }, default: [3, 4] },
      },
      required: ['ids'],
    });
    expect(paramSchema({ kind: 'boolean', label: 'On' }, false)).toEqual({ type: 'boolean', default: false });
  });

  it('names a schema without a detectors part', () => {
    expect(() => detectorItemsOf({ properties: {} })).toThrow('spec schema: no properties.detectors.items with a type and allOf rules');
  });
});

describe('the README\'s list of detector params', () => {
  it('is what the declarations make', () => {
    expect(docsSection(read('README.md')), FIX).toBe(detectorDocs(DECLARATIONS));
  });

  it('writes each parameter with its default: a choice\'s words default first, lists in brackets, docs for null or required', () => {
    expect(docsLine(TOY)).toBe('- `toy`: `size` (2), `mode` (`b` | `a`), `ids` (two or more), `fixed` (null: chosen), `sizes` ([3, 4]) — for tests');
    expect(detectorDocs([TOY, TOY]).split('\n').map((l) => l.at(-1))).toEqual([';', '.']);
  });

  it('replaces only what the markers hold, and refuses a README without them', () => {
    const readme = `intro\n${DOCS_START}\nold\n${DOCS_END}\nrest\n`;
    expect(docsSection(readme)).toBe('old');
    expect(withDocsSection(readme, 'new 1\nnew 2')).toBe(`intro\n${DOCS_START}\nnew 1\nnew 2\n${DOCS_END}\nrest\n`);
    expect(() => docsSection('no markers')).toThrow('README: the detector params markers are missing or out of order');
  });
});
