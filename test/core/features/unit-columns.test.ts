import { describe, expect, it } from 'vitest';
import { isAggregateColumn } from '../../../app/core/features/unit-columns.ts';

describe('isAggregateColumn', () => {
  it('tells the aggregates of sessions and windows from template columns and unseen', () => {
    for (const name of ['count', 'errors', 'length', 'duration', 'distinct:src_ip', 'sum:bytes', 'mean:latency', 'max:bytes']) expect(isAggregateColumn(name), name).toBe(true);
    for (const name of ['<*> INFO heartbeat ok', 'unseen', 'max: <*> reached', 'counted <*>', 'x0']) expect(isAggregateColumn(name), name).toBe(false);
  });
});
