import { describe, expect, it } from 'vitest';
import { DETECTOR_FORMS } from '../../../app/core/detect/detector-forms.ts';
import { DETECTORS, detectorTypes, getDetector, isBaselineKind } from '../../../app/core/detect/registry.ts';

const KINDS = ['template-novelty', 'template-share', 'template-rate', 'variable-range'];

describe('the detector registry', () => {
  it('names every detector a spec can use; a screen tries those that score any matrix', () => {
    expect(Object.keys(DETECTORS)).toEqual(['isolation-forest', 'lof', 'autoencoder', 'pca', 'rare-template', ...KINDS]);
    expect(detectorTypes()).toEqual(['isolation-forest', 'lof', 'autoencoder', 'pca', 'rare-template']);
    expect(KINDS.filter(isBaselineKind)).toEqual(KINDS);
    expect(isBaselineKind('lof')).toBe(false);
  });

  it('an unknown type lists every known one', () => {
    expect(() => getDetector('magic')).toThrow(`unknown detector "magic" (known: ${Object.keys(DETECTORS).join(', ')})`);
  });

  it('every detector has a form in the page, with its defaults', () => {
    expect(DETECTOR_FORMS.map((f) => f.type)).toEqual(Object.keys(DETECTORS));
    for (const form of DETECTOR_FORMS) {
      const defaults = Object.keys(DETECTORS[form.type].defaults);
      for (const field of form.fields) expect(defaults, `${form.type}.${field.name}`).toContain(field.name);
    }
  });
});
