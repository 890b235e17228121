import { describe, it, expect } from 'vitest';
import { join } from 'node:path';
import { law, smallSpec, SMALL_LOG, tempFolder } from './cli-helpers.ts';
import { parseSpec } from '../../app/core/experiment/parse-spec.ts';
import { runExperiment } from '../../app/core/experiment/run-experiment.ts';
import { readLogs, sourceFromText } from '../../app/core/ingest/read-logs.ts';

const { dir, write } = tempFolder();
const logPath = write('small.log', SMALL_LOG);
const specPath = write('small.json', smallSpec());

const parse = (out: string[]) => out.map((l) => JSON.parse(l) as { row: number; line: number; time: string | null; score: number; anomaly: boolean; text: string });

describe('law score', () => {
  it('prints one JSON line per line with row, line, time, score, anomaly and text', async () => {
    const r = await law('score', '--config', specPath, logPath);
    expect(r.err).toEqual([]);
    expect(r.code).toBe(0);
    expect(r.out).toHaveLength(4);
    const rows = parse(r.out);
    for (const row of rows) expect(Object.keys(row)).toEqual(['row', 'line', 'time', 'score', 'anomaly', 'text']);
    expect(rows.map((x) => x.row)).toEqual([0, 1, 2, 3]);
    // No times in these lines: time is null rather than missing, so scripts see one shape.
    expect(rows.map((x) => x.time)).toEqual([null, null, null, null]);
    expect(rows.map((x) => x.line)).toEqual([1, 2, 3, 4]);
    expect(rows.map((x) => x.text)).toEqual(SMALL_LOG.trim().split('\n'));
    expect(rows.map((x) => x.anomaly)).toEqual([false, false, true, false]);
    expect(Math.max(...rows.map((x) => x.score))).toBe(rows[2].score);
  });

  it('a file of 25,000 lines comes out whole, in order, written in batches', async () => {
    const lines = Array.from({ length: 25_000 }, (_, i) => `- INFO GET /a/${i} status=${i % 97 === 0 ? 500 : 200} latency_ms=${10 + (i % 13)}`);
    const r = await law('score', '--config', specPath, write('many.log', lines.join('\n') + '\n'));
    expect(r.code).toBe(0);
    const rows = parse(r.out);
    expect(rows.length).toBe(25_000);
    expect(rows.every((x, i) => x.row === i && x.line === i + 1 && x.text === lines[i])).toBe(true);
  });

  it('gives the training data the same scores as law run', async () => {
    const spec = parseSpec(smallSpec());
    const data = await readLogs([sourceFromText('small.log', SMALL_LOG)]);
    const expected = Array.from(runExperiment(data, spec).runs[0].scores);
    const rows = parse((await law('score', '--config', specPath, logPath)).out);
    expect(rows.map((x) => x.score)).toEqual(expected);
  });

  it('scores new data with the training scaler and templates', async () => {
    const fresh = write('fresh.log', '- INFO GET /a status=200 latency_ms=11\n- FATAL disk gone status=503 latency_ms=5000\n');
    const rows = parse((await law('score', '--config', specPath, fresh)).out);
    expect(rows.map((x) => [x.row, x.line, x.anomaly])).toEqual([[0, 1, false], [1, 2, true]]);
    expect(rows[1].score).toBeGreaterThan(rows[0].score);
  });

  it('with a fitted spec (law fit), needs neither the training data nor a label file', async () => {
    const { write: put, dir: elsewhere } = tempFolder();
    const labelled = write('labelled.json', { ...smallSpec(), labels: { file: 'labels.csv', key: 'status=(\\d+)', column: 'label', anomalous: ['1'] } });
    write('labels.csv', 'key,label\n500,1\n');
    const fitted = join(elsewhere, 'fitted.json');
    expect((await law('fit', labelled, '--out', fitted)).code).toBe(0);
    // Score a copy of the data from a folder with neither the log nor labels.csv beside the spec.
    const copy = put('copy.log', SMALL_LOG);
    const r = await law('score', '--config', fitted, copy);
    expect(r.err).toEqual([]);
    const retrained = parse((await law('score', '--config', labelled, logPath)).out);
    expect(parse(r.out)).toEqual(retrained);
    expect(parse(r.out).map((x) => x.anomaly)).toEqual([false, false, true, false]);
  });

  it('scores sessions: one line per session, named by its id and placed at its first line', async () => {
    const hdfs = write('blocks.log', [
      'Receiving block blk_1 src: /10.0.0.1',
      'Receiving block blk_2 src: /10.0.0.2',
      'Received block blk_1 of size 10',
      'Exception writing block blk_2 to mirror',
      'Received block blk_2 of size 12',
      'Receiving block blk_3 src: /10.0.0.3',
      'Received block blk_3 of size 11',
    ].join('\n'));
    const spec = write('sessions.json', {
      version: 1,
      source: { path: 'blocks.log' },
      features: { unit: 'session', key: 'blk_\\d+' },
      detectors: [{ id: 'rare', type: 'rare-template' }],
      threshold: { run: 'rare', method: 'contamination', value: 0.3 },
    });
    const r = await law('score', '--config', spec, hdfs);
    expect(r.code).toBe(0);
    const rows = parse(r.out);
    expect(rows.map((x) => [x.row, x.line, x.text])).toEqual([[0, 1, 'blk_1'], [1, 2, 'blk_2'], [2, 6, 'blk_3']]);
    // blk_2, the one with an exception, is the odd session out.
    expect(rows.map((x) => x.anomaly)).toEqual([false, true, false]);
  });

  it('--run picks a detector; an unknown one is exit 2', async () => {
    const two = write('two.json', {
      ...smallSpec(),
      detectors: [...smallSpec().detectors, { id: 'if2', type: 'isolation-forest', params: { trees: 7, seed: 9 } }],
    });
    const a = parse((await law('score', '--config', two, logPath)).out);
    const b = parse((await law('score', '--config', two, logPath, '--run', 'if2')).out);
    expect(b).toHaveLength(4);
    expect(b.map((x) => x.score)).not.toEqual(a.map((x) => x.score));
    const bad = await law('score', '--config', two, logPath, '--run', 'lof');
    expect(bad.code).toBe(2);
    expect(bad.err).toEqual([`law score: --run: no detector "lof" in ${two} (ids: if, if2)`]);
  });

  it('needs --config: exit 2', async () => {
    const r = await law('score', logPath);
    expect(r.code).toBe(2);
    expect(r.err).toEqual(['law score: score needs --config SPEC (see law score --help)']);
  });

  it('refuses --follow on standard input and two files: exit 2', async () => {
    expect((await law('score', '--config', specPath, '--follow')).err).toEqual(['law score: --follow needs a FILE, not standard input (which is always read as it comes)']);
    expect((await law('score', '--config', specPath, logPath, logPath)).code).toBe(2);
  });

  it('an empty data file: exit 1, naming the file', async () => {
    const empty = write('empty.log', '');
    const r = await law('score', '--config', specPath, empty);
    expect(r.code).toBe(1);
    expect(r.out).toEqual([]);
    expect(r.err).toEqual(['law score: empty.log: the file is empty']);
  });

  it('a missing file to score: data that could not be read, exit 1, naming it', async () => {
    const r = await law('score', '--config', specPath, join(dir, 'gone.log'));
    expect(r.code).toBe(1);
    expect(r.err).toEqual([`law score: cannot read ${join(dir, 'gone.log')}: no such file`]);
  });

  it('an invalid spec: exit 2', async () => {
    const bad = write('bad.json', { ...smallSpec(), threshold: { run: 'if', method: 'contamination', value: 3 } });
    const r = await law('score', '--config', bad, logPath);
    expect(r.code).toBe(2);
    expect(r.err).toEqual([`law score: ${bad}: threshold.value: contamination 3 is outside 0–1`]);
  });
});
