import { describe, it, expect } from 'vitest';
import { normaliseTemplate } from '../../../app/core/parse/normalise-template.ts';
import { LOGHUB_SYSTEMS, loadLoghub, loghubDir } from './loghub-samples.ts';

describe('normaliseTemplate (Loghub-2.0 rules)', () => {
  it('makes digits, booleans, user names and words holding a wildcard <*>', () => {
    expect(normaliseTemplate('uid=0 euid=0 user=root ok=true')).toBe('uid=<*> euid=<*> user=<*> ok=<*>');
    expect(normaliseTemplate('Receiving block blk_<*> of size <*>')).toBe('Receiving block <*> of size <*>');
    expect(normaliseTemplate('session 0x<*> closed')).toBe('session <*> closed');
  });

  it('makes a path-like piece <*>, and keeps a slash between wildcards', () => {
    expect(normaliseTemplate('open /var/log/x.log failed')).toBe('open <*> failed');
    expect(normaliseTemplate('from /<*>:<*>')).toBe('from <*>:<*>');
    expect(normaliseTemplate('ratio <*>/<*>')).toBe('ratio <*>/<*>');
  });

  it('fuses wildcards joined by a dot or by nothing, not by a space or a colon', () => {
    expect(normaliseTemplate('v<*>.<*>.<*> at <*><*>')).toBe('<*> at <*>');
    expect(normaliseTemplate('<*> <*> at <*>:<*>')).toBe('<*> <*> at <*>:<*>');
  });

  it('collapses and trims whitespace', () => {
    expect(normaliseTemplate('  a \t b  ')).toBe('a b');
  });
});

const dir = loghubDir();
if (!dir) console.warn('normalise-template: Loghub checks skipped, ../shared/datasets/loghub-2k (beside the checkout) is absent');

describe.skipIf(!dir)('normaliseTemplate on the Loghub-2k truth', () => {
  it('turns the original templates into the corrected ones where no hand edit followed', () => {
    for (const system of ['Zookeeper', 'Windows', 'Apache'] as const) {
      const original = loadLoghub(dir!, system, false).eventTemplate;
      const corrected = loadLoghub(dir!, system).eventTemplate;
      expect(original.map(normaliseTemplate)).toEqual(corrected);
    }
  });

  it('leaves the corrected templates as they are (one hand-edited Hadoop template aside)', () => {
    const changed = LOGHUB_SYSTEMS.flatMap((s) => [...new Set(loadLoghub(dir!, s).eventTemplate)].filter((t) => normaliseTemplate(t) !== t));
    expect(changed).toEqual(['maxContainerCapability: <memory:<*>, vCores:<*>>']);
  });
});
