import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { StreamScorer } from '../../../app/core/score/stream-scorer.ts';
import { Scorer, scoredUnits, type ScoredUnit } from '../../../app/core/score/scorer.ts';
import { fitSpec } from '../../../app/core/score/fit-spec.ts';
import { parseSpec } from '../../../app/core/experiment/parse-spec.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';
import { StreamIngest } from '../../../app/core/ingest/stream-ingest.ts';
import type { Format } from '../../../app/core/ingest/sniff-format.ts';

const PROVENANCE = { data: [], version: 'test' };

/** Feeds `bytes` in chunks through StreamIngest and a StreamScorer; every unit it scored. */
function live(scorer: Scorer, name: string, bytes: Uint8Array, chunk: number, format: Format, onSkip?: (m: string) => void): ScoredUnit[] {
  const ingest = new StreamIngest({ fileName: name, format });
  const stream = new StreamScorer(scorer, { onSkip });
  const out: ScoredUnit[] = [];
  for (let i = 0; i < bytes.length; i += chunk) {
    const d = ingest.push(bytes.subarray(i, i + chunk));
    if (d) out.push(...stream.push(d));
  }
  const last = ingest.end();
  if (last) out.push(...stream.push(last));
  out.push(...stream.end());
  return out;
}

describe('StreamScorer', () => {
  it('line units: every line scored as it arrives, as scoring the whole file scores it', async () => {
    const bytes = readFileSync(new URL('../../../datasets/webapp/webapp-10k.log', import.meta.url));
    const spec = parseSpec(JSON.parse(readFileSync(new URL('../../../experiments/webapp-baseline.json', import.meta.url), 'utf8')));
    const data = await readLogs([sourceFromText('webapp-10k.log', bytes)]);
    const scorer = new Scorer(fitSpec(data, spec, PROVENANCE).spec);
    const whole = scoredUnits(scorer.score(data));
    for (const chunk of [997, 1 << 16]) expect(live(scorer, 'webapp-10k.log', bytes, chunk, 'text')).toEqual(whole);
  });

  it('a row that cannot be scored is skipped with its file, line and field; the others are scored', async () => {
    const csv = 'ms,label\n10,0\n11,0\n12,0\n13,0\n900,1\n';
    const spec = parseSpec({ version: 1, labels: { column: 'label', anomalous: ['1'] }, features: { unit: 'row', columns: ['ms'] }, detectors: [{ id: 'if', type: 'isolation-forest', params: { trees: 10, seed: 1 } }] });
    const scorer = new Scorer(fitSpec(await readLogs([sourceFromText('m.csv', csv)]), spec, PROVENANCE).spec);
    const skipped: string[] = [];
    const got = live(scorer, 'new.csv', new TextEncoder().encode('ms\n12\nslow\n14\n15\n'), 1 << 16, 'csv', (m) => skipped.push(m));
    expect(got.map((u) => u.line)).toEqual([2, 4, 5]);
    expect(skipped).toEqual(['new.csv, line 3, field "ms": "slow" is not a number (row features need numbers in every row) (skipped)']);
  });
});
