/**
 * Writes what the detectors' declarations make into the two files users read:
 * the detector part of app/core/experiment/spec.schema.json (the `type` enum
 * and the per-type params rules of `detectors[]`) and the README's list of
 * detector params (between its markers). Run after changing a declaration:
 *
 *   npm run detector-docs   (npx tsx scripts/detector-docs.ts)
 *
 * test/core/detect/detector-docs.test.ts fails until the files match.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { detectorDocs, withDocsSection } from '../app/core/detect/detector-docs.ts';
import { detectorItemsOf, detectorsSchemaPart } from '../app/core/detect/params-schema.ts';
import { DECLARATIONS } from '../app/core/detect/registry.ts';

const root = new URL('..', import.meta.url);
const schemaFile = new URL('app/core/experiment/spec.schema.json', root);
const readmeFile = new URL('README.md', root);

const schema = JSON.parse(readFileSync(schemaFile, 'utf8'));
const items = detectorItemsOf(schema);
const part = detectorsSchemaPart(DECLARATIONS);
// Assigning existing keys keeps their place, so the rest of the file is unchanged.
items.properties.type.enum = part.types;
items.allOf = part.rules;
writeFileSync(schemaFile, `${JSON.stringify(schema, null, 2)}\n`);

writeFileSync(readmeFile, withDocsSection(readFileSync(readmeFile, 'utf8'), detectorDocs(DECLARATIONS)));
console.log(`wrote the params of ${DECLARATIONS.length} detector types into spec.schema.json and README.md`);
