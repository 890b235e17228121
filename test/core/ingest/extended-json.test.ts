import { describe, it, expect } from 'vitest';
import { hasExtendedJsonMarkers, unwrapExtendedJson } from '../../../app/core/ingest/extended-json.ts';

describe('unwrapExtendedJson', () => {
  it('unwraps ids, dates (relaxed, canonical, legacy) and numbers, nested and in arrays', () => {
    expect(unwrapExtendedJson({
      _id: { $oid: '65e2f0a1c2b3d4e5f6a7b8c1' },
      a: { $date: '2024-03-02T10:00:00Z' },
      b: { $date: { $numberLong: '1709373601000' } },
      c: { $date: 1709373602000 },
      n: [{ $numberInt: '7' }, { $numberLong: '9007199254740993' }, { $numberDouble: 'NaN' }, { $numberDecimal: '1.5' }],
      ts: { $timestamp: { t: 1709373600, i: 1 } },
      bin: { $binary: { base64: 'AQID', subType: '00' } },
      nested: { deep: { $oid: 'x1' } },
    })).toEqual({
      _id: '65e2f0a1c2b3d4e5f6a7b8c1',
      a: '2024-03-02T10:00:00Z',
      b: '2024-03-02T10:00:01.000Z',
      c: '2024-03-02T10:00:02.000Z',
      // A 64-bit integer beyond doubles and NaN stay text.
      n: [7, '9007199254740993', 'NaN', 1.5],
      ts: '2024-03-02T10:00:00.000Z',
      bin: 'AQID',
      nested: { deep: 'x1' },
    });
  });

  it('leaves ordinary objects and unknown $-keys alone', () => {
    expect(unwrapExtendedJson({ a: { b: 1 }, c: { $foo: 1 }, d: { $oid: 'x', other: 1 } })).toEqual({ a: { b: 1 }, c: { $foo: 1 }, d: { $oid: 'x', other: 1 } });
    expect(unwrapExtendedJson(null)).toBeNull();
    expect(unwrapExtendedJson('s')).toBe('s');
  });
});

describe('hasExtendedJsonMarkers', () => {
  it('finds $oid and $date wrappers', () => {
    expect(hasExtendedJsonMarkers('{"_id":{"$oid":"1"}}')).toBe(true);
    expect(hasExtendedJsonMarkers('{"t":{ "$date" : 1}}')).toBe(true);
    expect(hasExtendedJsonMarkers('{"price":"$oid"}')).toBe(false);
  });
});
