import { describe, it, expect } from 'vitest';
import { syslogYearOption } from '../../../app/core/ingest/format-readers.ts';
import { FORMATS } from '../../../app/core/ingest/sniff-format.ts';
import { IngestError } from '../../../app/core/ingest/ingest-error.ts';
import { eachChunkSize, eachChunkSizeFails, fixture } from './chunked.ts';

describe('syslogYearOption', () => {
  it('defaults to 1970 and checks the option', () => {
    expect(syslogYearOption('f', {})).toBe(1970);
    expect(syslogYearOption('f', { syslogYear: 2024 })).toBe(2024);
    for (const bad of [2024.5, 0, 10000, '2024', null]) expect(() => syslogYearOption('f', { syslogYear: bad })).toThrow(IngestError);
  });
});

describe('every format can be chosen by name', () => {
  const samples: Record<(typeof FORMATS)[number], string> = {
    text: 'hello\n',
    jsonl: '{"msg":"a"}\n',
    csv: 'a,b\n1,2\n',
    tsv: 'a\tb\n1\t2\n',
    logfmt: 'a=1 msg=x\n',
    syslog: 'Mar  2 10:15:23 h a: x\n',
    clf: '1.2.3.4 - - [10/Oct/2000:13:55:36 +0000] "GET / HTTP/1.1" 200 5\n',
    'loghub-structured': 'LineId,Content\n1,x\n',
    'loghub-sessions': 'BlockId,Label,EventTemplateSequence\nb,Normal,x\n',
    mongodb: '{"message":"x"}\n',
    loki: '{"streams":[{"stream":{},"values":[["1","x"]]}]}',
    elasticsearch: '{"hits":{"hits":[{"_source":{"message":"x"}}]}}',
  };
  for (const format of FORMATS) {
    eachChunkSize(format, [[`f.${format}`, samples[format]]], (d) => {
      expect(d.files[0]).toMatchObject({ format, reason: 'chosen by you', rows: 1 });
    }, { format });
  }
});

describe('a document whose start is found only in its first lines', () => {
  // The start of the hits lies beyond the first 64 Ki characters but within the first lines.
  const padded = fixture('es-search.json').replace('"took": 3,', `"took": 3,\n  "pad": "${'p'.repeat(70_000)}",`);
  eachChunkSize('is read from the lines joined again', [['late.json', padded]], (d) => {
    expect(d.files[0].format).toBe('elasticsearch');
    expect(d.message).toEqual(['user login ok', 'user login failed', 'disk full']);
  });

  eachChunkSizeFails('fails plainly when a line was cut', [['late.json', padded]], (e) => {
    expect(e.message).toBe('late.json, line 3: elasticsearch: a JSON document cannot be read with a line cut short; raise maxLineLength to at least 70012 characters');
  }, { maxLineLength: 1000 });
});
