/**
 * The JSON Schema of detector params, made from the declarations. It is not
 * built at run time: `scripts/detector-docs.ts` writes it into
 * `experiment/spec.schema.json`, the file users point their editors at and
 * copy, and a test checks that the committed file equals what this makes.
 */
import type { AnyDeclaration, ParamDeclaration } from './declaration.ts';
import type { ParamLimit } from './param-limits.ts';

/** A JSON Schema node. */
export type SchemaNode = Record<string, unknown>;

/** `minimum`/`exclusiveMinimum` and `maximum`/`exclusiveMaximum` of a limit. */
function bounds(limit: Readonly<ParamLimit> | undefined): SchemaNode {
  if (!limit) return {};
  return {
    [limit.exclusiveMin ? 'exclusiveMinimum' : 'minimum']: limit.min,
    [limit.exclusiveMax ? 'exclusiveMaximum' : 'maximum']: limit.max,
  };
}

/** The schema of one parameter, with its default (none when required) and description. */
export function paramSchema(p: ParamDeclaration, value: unknown): SchemaNode {
  let node: SchemaNode;
  switch (p.kind) {
    case 'integer':
    case 'number':
      node = { type: p.nullable ? [p.kind, 'null'] : p.kind, ...bounds(p.limit) };
      break;
    case 'boolean':
      node = { type: 'boolean' };
      break;
    case 'choice':
      node = { enum: [...(p.choices ?? [])] };
      break;
    case 'integers': {
      const { maxItems, ...range } = p.limit ?? { min: 1, max: Number.MAX_SAFE_INTEGER };
      node = { type: 'array', minItems: p.minItems ?? 1, ...(maxItems !== undefined ? { maxItems } : {}), items: { type: 'integer', ...bounds(range) } };
      break;
    }
    case 'ids':
      node = { type: 'array', minItems: p.minItems ?? 1, items: { type: 'string' } };
      break;
  }
  // A copy: the defaults are frozen and shared.
  if (!p.required) node.default = JSON.parse(JSON.stringify(value));
  if (p.description) node.description = p.description;
  return node;
}

/** The schema of a detector's `params`: every parameter, in the order of its defaults, and no other. */
export function paramsSchema(d: AnyDeclaration): SchemaNode {
  const names = Object.keys(d.defaults);
  const params = d.params as Record<string, ParamDeclaration>;
  const required = names.filter((n) => params[n].required);
  return {
    type: 'object',
    additionalProperties: false,
    properties: Object.fromEntries(names.map((n) => [n, paramSchema(params[n], (d.defaults as Record<string, unknown>)[n])])),
    ...(required.length ? { required } : {}),
  };
}

/**
 * The detector part of the spec schema: the `type` enum of `detectors[]`
 * and, per type, an if/then rule giving its `params`.
 */
export function detectorsSchemaPart(declarations: readonly AnyDeclaration[]): { types: string[]; rules: SchemaNode[] } {
  return {
    types: declarations.map((d) => d.type),
    rules: declarations.map((d) => ({
      if: { properties: { type: { const: d.type } }, required: ['type'] },
      then: { properties: { params: paramsSchema(d) } },
    })),
  };
}

/** The place of that part in the spec schema: `detectors.items`. */
export function detectorItemsOf(schema: SchemaNode): { properties: { type: { enum: unknown } }; allOf: unknown } {
  const detectors = (schema.properties as Record<string, SchemaNode> | undefined)?.detectors;
  const items = detectors?.items as { properties: { type: { enum: unknown } }; allOf: unknown } | undefined;
  if (!items?.properties?.type || !items.allOf) throw new Error('spec schema: no properties.detectors.items with a type and allOf rules');
  return items;
}
