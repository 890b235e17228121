// Templates mined on the training rows are matched, never mined again, on
// new rows: shares come from training, and an unseen template is marked.
import { describe, expect, it } from 'vitest';
import { buildFeatures } from '../../../app/core/features/build-features.ts';
import { readLogs, sourceFromText } from '../../../app/core/ingest/read-logs.ts';

const read = (name: string, lines: string[]) => readLogs([sourceFromText(name, lines.join('\n'))]);

describe('templates learned on training data', () => {
  it('give new rows the training shares, and an unseen template id −1 and share 0', async () => {
    const train = await read('train.log', [
      'user u1 logged in', 'user u2 logged in', 'user u3 logged in', 'cache hit ratio=0.91',
    ]);
    const fitted = buildFeatures(train, { unit: 'line', columns: ['template'] });
    const fresh = await read('new.log', ['user u9 logged in', 'disk /dev/sda1 nearly full', 'cache hit ratio=0.5']);
    const scored = buildFeatures(fresh, { unit: "line", columns: ["template"] }, { fitted: fitted.state });
    expect(Array.from(scored.parsed!.templateId)).toEqual([fitted.parsed!.templateId[0], -1, fitted.parsed!.templateId[3]]);
    // 0.75 and 0.25 are the training shares; mined afresh the new file would give 1/3 each.
    expect(Array.from(scored.matrix.data)).toEqual([0.75, 0, 0.25]);
    // Matching learns nothing: the fitted state is unchanged.
    expect(scored.state.templates).toBe(fitted.state.templates);
  });
});
