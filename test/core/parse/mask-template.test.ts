import { describe, it, expect } from 'vitest';
import { maskTemplate, TemplateIndex } from '../../../app/core/parse/mask-template.ts';

describe('maskTemplate', () => {
  it('masks ids and numbers but keeps words', () => {
    expect(maskTemplate('GET /api/orders/1234 status=200')).toBe('GET /api/orders/<*> status=<*>');
  });

  it('masks IPs, hex ids, UUIDs and numbers with units', () => {
    expect(maskTemplate('conn from 10.0.0.1:8080 req=deadbeef00 id 0x1f uuid 123e4567-e89b-12d3-a456-426614174000 in 35ms'))
      .toBe('conn from <*>:<*> req=<*> id <*> uuid <*> in <*>');
  });

  it('keeps a message without variable parts as it is, spaces normalised', () => {
    expect(maskTemplate('  cache   warmed up ')).toBe('cache warmed up');
    expect(maskTemplate('user [admin] logged out')).toBe('user [admin] logged out');
  });

  it('gives two messages that differ only in values the same template', () => {
    expect(maskTemplate('Receiving block blk_-1608999687919862906 src: /10.250.19.102:54106'))
      .toBe(maskTemplate('Receiving block blk_7503483334202473044 src: /10.250.10.6:40524'));
  });
});

describe('TemplateIndex', () => {
  it('gives equal templates one id, in order of first appearance, and counts rows', () => {
    const ix = new TemplateIndex();
    expect(['GET /api/orders/1 status=200', 'cache warmed', 'GET /api/orders/22 status=500', 'cache warmed'].map((m) => ix.idOf(m)))
      .toEqual([0, 1, 0, 1]);
    expect(ix.templates).toEqual(['GET /api/orders/<*> status=<*>', 'cache warmed']);
    expect(ix.counts).toEqual([2, 2]);
  });

  it('starts from known templates with zero counts, and adds new ones after them', () => {
    const ix = new TemplateIndex(['a <*>', 'b']);
    expect(ix.counts).toEqual([0, 0]);
    expect([ix.idOf('b'), ix.idOf('a 5'), ix.idOf('c'), ix.idOf('a 6')]).toEqual([1, 0, 2, 0]);
    expect(ix.templates).toEqual(['a <*>', 'b', 'c']);
    expect(ix.counts).toEqual([2, 1, 1]);
  });
});
