import { describe, it, expect } from 'vitest';
import { fitsShape, generalise, similarity } from '../../../app/core/parse/template-similarity.ts';

describe('generalise', () => {
  it('keeps the brackets, key or trailing punctuation two tokens share', () => {
    expect(generalise('(a.example.net)', '()')).toBe('(<*>)');
    expect(generalise('user=root', 'user=guest')).toBe('user=<*>');
    expect(generalise('[eth0],', '[eth1],')).toBe('[<*>],');
    expect(generalise('10.0.0.1,', 'LOCAL(0),')).toBe('<*>,');
    expect(generalise('"GET', '"POST')).toBe('<*>');
  });

  it('cuts shared text back to punctuation and keeps only whole shapes', () => {
    expect(generalise('bytes', 'bites')).toBe('<*>');
    // Only a closing bracket in common: halves of a bracketed phrase, not one value.
    expect(generalise('/etc/cron.hourly)', 'a)')).toBe('<*>');
    expect(generalise('(run-parts', '(<*>')).toBe('<*>');
    // Shared wildcards stay out of the affixes: a token holds one wildcard.
    expect(generalise('<*>_a', '<*>_b')).toBe('<*>');
    expect(generalise('<*>~<*>~~<*>,', 'Package~<*>~~<*>,')).toBe('<*>,');
  });
});

describe('fitsShape', () => {
  it('takes a token of the shape, an empty value included', () => {
    expect(fitsShape('(<*>)', '(x.example.net)')).toBe(true);
    expect(fitsShape('(<*>)', '()')).toBe(true);
    expect(fitsShape('user=<*>', 'user=cyrus')).toBe(true);
    expect(fitsShape('<*>,', 'LOCAL(0),')).toBe(true);
  });

  it('refuses other tokens, loose shapes and tokens of two wildcards', () => {
    expect(fitsShape('(<*>)', '[x]')).toBe(false);
    expect(fitsShape('user=<*>', 'uid=0')).toBe(false);
    expect(fitsShape('<*>)', 'a)')).toBe(false);
    expect(fitsShape('<*>:<*>x', 'a:bx')).toBe(false);
    expect(fitsShape('plain', 'plain')).toBe(true);
  });
});

describe('similarity', () => {
  it('counts a shaped wildcard that takes the token as half a match, like <*>', () => {
    expect(similarity(['connection', '(<*>)'], ['connection', '(a.net)'])).toBe(similarity(['connection', '<*>'], ['connection', '(a.net)']));
    expect(similarity(['connection', '(<*>)'], ['connection', '(a.net)'])).toBe(0.75);
    // Not of the shape: a plain mismatch.
    expect(similarity(['connection', '(<*>)'], ['connection', 'a.net'])).toBe(0.5);
  });
});
