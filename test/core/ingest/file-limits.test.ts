import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_FILE_BYTES, DEFAULT_MAX_FILE_ROWS, readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import type { IngestError } from '../../../app/core/ingest/ingest-error.ts';

async function gzip(bytes: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([bytes as BlobPart]).stream().pipeThrough(new CompressionStream('gzip'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** A gzip bomb made cheaply: one member of `memberBytes` of log text, repeated (concatenated members read as one stream). */
async function bomb(memberBytes: number, members: number): Promise<Uint8Array> {
  const line = 'Dec 10 06:55:46 host sshd[24200]: Failed password for root from 1.2.3.4\n';
  const member = await gzip(new TextEncoder().encode(line.repeat(Math.ceil(memberBytes / line.length))));
  const out = new Uint8Array(member.length * members);
  for (let i = 0; i < members; i++) out.set(member, i * member.length);
  return out;
}

describe('limits of a file read whole', () => {
  it('refuses a gzip bomb once it inflates past maxBytes, naming the file and the limit, and keeps the files before it', async () => {
    const gz = await bomb(1 << 20, 64); // 64 MiB of text in ~200 KB
    expect(gz.length).toBeLessThan(1 << 20);
    const ok = sourceFromText('before.log', 'a line\nanother line\n');
    const err = await readLogs([ok, sourceFromText('bomb.log.gz', gz)], { maxBytes: 4 << 20 }).catch((e: Error) => e);
    expect((err as Error).message).toBe('bomb.log.gz: more than 4 MiB of text once decompressed, the limit per file (maxBytes); nothing from it was kept');
    // The same file alone under a limit it fits in reads whole.
    const data = await readLogs([sourceFromText('bomb.log.gz', gz)], { maxBytes: 80 << 20 });
    expect(data.line.length).toBeGreaterThan(900_000);
  });

  it('refuses a plain file past maxBytes without reading the rest', async () => {
    const text = 'x'.repeat(100) + '\n';
    const err = await readLogs([sourceFromText('big.log', text.repeat(2000))], { maxBytes: 100_000 }).catch((e: Error) => e);
    expect((err as Error).message).toBe('big.log: more than 100,000 bytes of text, the limit per file (maxBytes); nothing from it was kept');
    // The limit is named by the error itself, so the CLI says which flag raises it without reading the message.
    expect((err as IngestError).limit).toBe('maxBytes');
    const rows = await readLogs([sourceFromText('rows.log', 'a\nb\nc\n')], { maxRows: 2 }).catch((e: Error) => e);
    expect((rows as IngestError).limit).toBe('maxRows');
  });

  it('refuses more rows than maxRows, in line files and documents alike', async () => {
    const lines = Array.from({ length: 11 }, (_, i) => `line ${i}`).join('\n') + '\n';
    await expect(readLogs([sourceFromText('rows.log', lines)], { maxRows: 10 })).rejects.toThrow(
      'rows.log: more than 10 rows, the limit per file (maxRows); nothing from it was kept',
    );
    expect((await readLogs([sourceFromText('rows.log', lines)], { maxRows: 11 })).line.length).toBe(11);
    const loki = JSON.stringify({
      status: 'success',
      data: { resultType: 'streams', result: [{ stream: { job: 'x' }, values: Array.from({ length: 5 }, (_, i) => [`${1e18 + i}`, `m ${i}`]) }] },
    });
    await expect(readLogs([sourceFromText('q.json', loki)], { maxRows: 4 })).rejects.toThrow(/^q\.json: more than 4 rows/);
  });

  it('has documented defaults: 512 MiB and 5,000,000 rows per file', () => {
    expect(DEFAULT_MAX_FILE_BYTES).toBe(512 * 1024 * 1024);
    expect(DEFAULT_MAX_FILE_ROWS).toBe(5_000_000);
  });
});
