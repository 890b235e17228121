import { describe, it, expect } from 'vitest';
import { isGzipMagic, maybeGunzip } from '../../../app/core/ingest/gunzip.ts';
import { readLogs, sourceFromText, type LogSource } from '../../../app/core/ingest/read-logs.ts';
import { FileIngest } from '../../../app/core/ingest/file-ingest.ts';
import { LogDataBuilder } from '../../../app/core/ingest/log-data-builder.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';
import { eachChunkSize, eachChunkSizeFails, fixture, type Text } from './chunked.ts';

/** gzip bytes made with the standard CompressionStream, as a user's `gzip` would. */
async function gzip(text: string): Promise<Uint8Array> {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

const syslog = fixture('bsd-syslog.log');
const jsonl = '{"msg":"a","n":1}\n{"msg":"b","n":2}\n';
const gzSyslog = await gzip(syslog);
const gzJsonl = await gzip(jsonl);
const gzLoki = await gzip(fixture('loki-query-range.json'));

describe('isGzipMagic', () => {
  it('is 1f 8b', () => {
    expect(isGzipMagic(gzJsonl)).toBe(true);
    expect(isGzipMagic(new Uint8Array([0x1f]))).toBe(false);
    expect(isGzipMagic(new TextEncoder().encode('{"a":1}'))).toBe(false);
  });
});

describe('readLogs: gzip', () => {
  eachChunkSize('round trip: a .gz reads exactly as its text', [['syslog.gz', gzSyslog]], (d) => {
    expect(d.files[0]).toMatchObject({ name: 'syslog.gz', format: 'syslog', bytes: new TextEncoder().encode(syslog).length, compressedBytes: gzSyslog.length, rows: 4 });
    expect(d.message[0]).toBe("'su root' failed for lonvick on /dev/pts/8");
  });

  it('gives the same rows as the plain file', async () => {
    const plain = await readLogs([sourceFromText('x', jsonl)]);
    const zipped = await readLogs([sourceFromText('x', gzJsonl, 3)]);
    expect({ ...zipped, files: [] }).toEqual({ ...plain, files: [] });
  });

  eachChunkSize('whole-document formats too, told by the magic bytes, not the name', [['loki-export', gzLoki]], (d) => {
    expect(d.files[0].format).toBe('loki');
    expect(d.message).toHaveLength(3);
  });

  it('several members (cat a.gz b.gz) read as one stream', async () => {
    const both = new Uint8Array([...gzJsonl, ...(await gzip('{"msg":"c","n":3}\n'))]);
    const d = await readLogs([sourceFromText('cat.gz', both, 5)]);
    expect(d.message).toEqual(['a', 'b', 'c']);
  });

  it('reports progress in compressed bytes, ending at the file size', async () => {
    const calls: number[] = [];
    await readLogs([sourceFromText('p.gz', gzSyslog, 10)], { onProgress: (r) => calls.push(r) });
    expect(calls.at(-1)).toBe(gzSyslog.length);
  });

  const truncated: [string, Text][] = [['good.log', 'kept\n'], ['cut.gz', gzSyslog.subarray(0, gzSyslog.length - 12)]];
  eachChunkSizeFails('a truncated .gz is an error naming the file', truncated, (e) => {
    expect(e.file).toBe('cut.gz');
    expect(e.message).toMatch(/^cut\.gz: truncated or corrupt gzip data \(.+\); nothing from it was kept$/);
  });

  it('keeps nothing from a truncated .gz, and the files before it as they were', async () => {
    const { LogDataBuilder: B } = await import('../../../app/core/ingest/log-data-builder.ts');
    const builder = new B();
    const good = new FileIngest(builder, { fileName: 'good.log' });
    good.push(new TextEncoder().encode('kept\n'));
    good.end();
    const file = new FileIngest(builder, { fileName: 'cut.gz' });
    const e = await (async () => {
      try {
        for await (const c of maybeGunzip(sourceFromText('cut.gz', gzSyslog.subarray(0, gzSyslog.length - 12), 7).chunks, 'cut.gz', () => {})) file.push(c);
        file.end();
      } catch (x) {
        file.discard();
        return x;
      }
    })();
    expect(e).toBeInstanceOf(IngestError);
    const d = builder.finish();
    expect(d.raw).toEqual(['kept']);
    expect(d.files.map((f) => f.name)).toEqual(['good.log']);
  });

  const corrupt = gzSyslog.slice();
  corrupt[20] ^= 0xff;
  eachChunkSizeFails('corrupt data is an error naming the file', [['bad.gz', corrupt]], (e) => {
    expect(e.message).toMatch(/^bad\.gz: truncated or corrupt gzip data/);
  });

  it('passes an error of the source on as it is', async () => {
    const boom = new Error('disk gone');
    const source: LogSource = {
      name: 'x.gz',
      size: 0,
      chunks: (async function* () {
        yield gzSyslog.subarray(0, 10);
        throw boom;
      })(),
    };
    await expect(readLogs([source])).rejects.toBe(boom);
  });

  it('stops reading the source when cancelled', async () => {
    // Lines of pseudo-random numbers, so the compressed file stays large (≈ 1 MB).
    let x = 1;
    const lines = Array.from({ length: 100_000 }, () => `a log line ${(x = (x * 48271) % 2147483647)}`);
    const big = await gzip(lines.join('\n'));
    expect(big.length).toBeGreaterThan(500_000);
    let pulled = 0;
    const source: LogSource = {
      name: 'big.gz',
      size: big.length,
      chunks: (async function* () {
        for (let i = 0; i < big.length; i += 1024) {
          pulled++;
          yield big.subarray(i, i + 1024);
        }
      })(),
    };
    const controller = new AbortController();
    const e = await readLogs([source], { signal: controller.signal, onProgress: () => controller.abort() }).catch((x: unknown) => x);
    expect(e).toMatchObject({ name: 'AbortError' });
    expect(pulled).toBeLessThan(big.length / 1024 / 2);
  });

  it('FileIngest alone says gzip was not decompressed', () => {
    const f = new FileIngest(new LogDataBuilder(), { fileName: 'raw.gz' });
    f.push(gzJsonl);
    expect(() => f.end()).toThrow('raw.gz: this is gzip-compressed data that was not decompressed (read .gz files through readLogs)');
  });
});
