import { describe, it, expect } from 'vitest';
import { fitsShape, generalise, similarity, wordConflict } from '../../../app/core/parse/template-similarity.ts';

describe('generalise', () => {
  it.each([
    ['(a.example.net)', '()', '(<*>)'],
    ['user=root', 'user=guest', 'user=<*>'],
    ['[eth0],', '[eth1],', '[<*>],'],
    ['10.0.0.1,', 'LOCAL(0),', '<*>,'],
    ['<*>~<*>~~<*>,', 'Package~<*>~~<*>,', '<*>,'],
  ])('keeps the brackets, key or trailing punctuation two tokens share: %s, %s → %s', (a, b, want) => {
    expect(generalise(a, b)).toBe(want);
  });

  it.each([
    ['bytes', 'bites'], // shared letters are no shape
    ['"GET', '"POST'], // an opening quote alone
    ['/etc/cron.hourly)', 'a)'], // halves of a bracketed phrase, not one value
    ['(run-parts', '(<*>'],
    ['<*>_a', '<*>_b'], // a token holds one wildcard
  ])('gives a bare <*> for %s, %s', (a, b) => {
    expect(generalise(a, b)).toBe('<*>');
  });
});

describe('fitsShape', () => {
  it.each([
    ['(<*>)', '(x.example.net)', true],
    ['(<*>)', '()', true], // an empty value
    ['user=<*>', 'user=cyrus', true],
    ['<*>,', 'LOCAL(0),', true],
    ['plain', 'plain', true],
    ['(<*>)', '[x]', false],
    ['user=<*>', 'uid=0', false],
    ['<*>)', 'a)', false], // a loose shape takes nothing
    ['<*>:<*>x', 'a:bx', false],
  ])('%s takes %s: %s', (t, m, want) => {
    expect(fitsShape(t, m)).toBe(want);
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

describe('wordConflict', () => {
  it.each([
    ['Started', 'Stopped', true],
    ['action.SCREEN_ON', 'action.SCREEN_OFF', true],
    ['(uid=0)', 'LOGIN(uid=0)', true], // a word added
    ['LOGIN(uid=0)', '(uid=0)', true],
    ['tty=NODEVssh', 'tty=:0', false], // values of a key are left to the similarity
    ['user=root', 'user=LOGINroot', false],
    ['(a.net)', '()', false], // no word on either side
  ])('%s and %s: %s', (a, b, want) => {
    expect(wordConflict(a, b)).toBe(want);
  });
});
