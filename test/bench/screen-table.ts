// The README's screen table: `law screen` (whole process) on the twelve
// shared Loghub samples (no labels: the label-free path), the labelled HDFS
// block sessions and the generated samples' example specs, each beside the
// default flow (the page's defaults × Isolation Forest).
// Run: npx tsx test/bench/screen-table.ts > /tmp/screen-table.md
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SHARED = join(ROOT, '../shared/datasets');
const dir = mkdtempSync(join(tmpdir(), 'law-screen-table-'));

interface Candidate { name: string; detector: { type: string }; metrics: { rocAuc: number | null; prAuc: number | null }; ci?: { rocAuc: [number, number]; prAuc: [number, number] }; labelFree?: { stability: number | null; em: number | null }; units: number; error?: string }
interface Result { candidates: Candidate[]; best: number; criterion: string; comparison?: { significant: boolean; difference: [number, number] } }

function screen(spec: string): { result: Result; seconds: number } {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [join(ROOT, 'bin/law.js'), 'screen', spec, '--format', 'json', '--resamples', '200'], { encoding: 'utf8', maxBuffer: 1 << 28, stdio: ['ignore', 'pipe', 'ignore'] });
  return { result: JSON.parse(out) as Result, seconds: (performance.now() - t0) / 1000 };
}

const f3 = (v: number | null | undefined) => (v === null || v === undefined ? '—' : v.toFixed(3));
const ci = (c: [number, number] | undefined) => (c ? ` [${f3(c[0])}, ${f3(c[1])}]` : '');
const name = (c: Candidate) => `${c.name} × ${c.detector.type}`;

const rows: string[] = [];
function report(label: string, spec: string) {
  const { result, seconds } = screen(spec);
  const ran = result.candidates.filter((c) => !c.error);
  const best = result.best >= 0 ? result.candidates[result.best] : undefined;
  const dflt = result.candidates.find((c) => c.name === 'defaults' && c.detector.type === 'isolation-forest');
  if (result.criterion === 'labels') {
    const pr = (c: Candidate | undefined) => (c ? `${f3(c.metrics.prAuc)}${ci(c.ci?.prAuc)}` : '—');
    const cmp = result.comparison ? (result.comparison.significant ? 'yes' : 'no') : '—';
    rows.push(`| ${label} | ${best?.units.toLocaleString('en') ?? '—'} | labels | ${pr(dflt)} | ${best ? `${name(best)}: ${pr(best)}` : 'none ran'} | ${cmp} | ${ran.length} | ${seconds.toFixed(0)} s |`);
  } else {
    const st = (c: Candidate | undefined) => (c ? f3(c.labelFree?.stability) : '—');
    // Stability cannot separate candidates that all reach ~1: say how many share the top.
    const top = best?.labelFree?.stability ?? null;
    const tied = top === null ? 0 : ran.filter((c) => (c.labelFree?.stability ?? -2) >= top - 0.0005).length;
    const bestText = best ? `${name(best)}: stability ${st(best)}${tied > 1 ? ` (${tied} tie within 0.001)` : ''}` : 'none ran';
    rows.push(`| ${label} | ${(best ?? dflt)?.units.toLocaleString('en') ?? '—'} | none | stability ${st(dflt)} | ${bestText} | — | ${ran.length} | ${seconds.toFixed(0)} s |`);
  }
  process.stderr.write(`${rows.at(-1)}\n`);
}

const loghub = join(SHARED, 'loghub-2k');
if (existsSync(loghub)) {
  for (const system of readdirSync(loghub).filter((d) => !d.startsWith('LICENSE')).sort()) {
    const spec = join(dir, `${system}.json`);
    writeFileSync(spec, JSON.stringify({
      version: 1, name: system, source: { path: join(loghub, system, `${system}_2k.log`) }, labels: null,
      features: { unit: 'line' }, detectors: [{ id: 'if', type: 'isolation-forest' }], threshold: { run: 'if', method: 'contamination', value: 0.05 },
    }));
    report(`Loghub ${system} (2k lines)`, spec);
  }
}
const sessions = join(SHARED, 'hdfs-100k-sessions/HDFS_100k_block_sessions.csv');
if (existsSync(sessions)) {
  const spec = join(dir, 'hdfs-100k.json');
  writeFileSync(spec, JSON.stringify({
    version: 1, name: 'hdfs-100k', source: { path: sessions }, labels: { column: 'Label', anomalous: ['Anomaly'] },
    features: { unit: 'session', key: 'BlockId', columns: ['templates'], scaling: 'none' },
    detectors: [{ id: 'if', type: 'isolation-forest' }], threshold: { run: 'if', method: 'contamination', value: 0.05 },
  }));
  report('HDFS 100k block sessions', spec);
}
for (const example of ['webapp-isolation-forest', 'features-csv-contamination', 'hdfs-sessions', 'netflow-per-destination', 'waf-categorical', 'syslog-per-host-ensemble']) {
  report(`generated: experiments/${example}.json`, join(ROOT, 'experiments', `${example}.json`));
}
console.log('| data | units | labels | default flow (defaults × Isolation Forest) | best candidate | #1 significantly ahead of #2 | candidates | time |');
console.log('|---|---:|---|---|---|---|---:|---:|');
for (const r of rows) console.log(r);
