import { describe, expect, it } from 'vitest';
import { createHash } from 'node:crypto';
import { FileDigest, Sha256 } from '../../../app/core/score/sha256.ts';
import { createRandom } from '../../../app/core/random.ts';

const reference = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');

describe('Sha256', () => {
  it('gives the FIPS 180-4 digests of the standard messages', () => {
    const hex = (s: string) => { const h = new Sha256(); h.update(new TextEncoder().encode(s)); return h.hex(); };
    expect(hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hex('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe('248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1');
  });

  it('equals node:crypto on random data of every length around a block, fed in any chunks', () => {
    const random = createRandom(7);
    for (const n of [55, 56, 63, 64, 65, 119, 120, 1000, 100_003]) {
      const bytes = Uint8Array.from({ length: n }, () => random.int(256));
      for (const chunk of [1, 13, 64, 1 << 20]) {
        const h = new Sha256();
        for (let i = 0; i < n; i += chunk) h.update(bytes.subarray(i, i + chunk));
        expect(h.hex(), `${n} bytes in ${chunk}-byte chunks`).toBe(reference(bytes));
      }
    }
  });
});

describe('FileDigest', () => {
  it('counts bytes and lines (a last line without a newline counts) beside the hash', () => {
    const d = (s: string) => { const f = new FileDigest(); f.update(new TextEncoder().encode(s)); return f.result(); };
    expect(d('a\nb\n')).toMatchObject({ bytes: 4, lines: 2 });
    expect(d('a\nb')).toMatchObject({ bytes: 3, lines: 2 });
    expect(d('')).toMatchObject({ bytes: 0, lines: 0 });
    expect(d('a\r\n').sha256).toBe(reference(new TextEncoder().encode('a\r\n')));
  });
});
