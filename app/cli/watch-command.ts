import { parseArgs } from 'node:util';
import { runWatch } from '../serve/watch-service.ts';
import { runTrainer } from '../serve/trainer-service.ts';
import { jsonLog } from '../serve/service-log.ts';
import type { DeploySpec } from '../core/experiment/deploy-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { fitFromFile } from './fit-training.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { UsageError } from './node-source.ts';
import { prepareBackends } from '../serve/prepare-backends.ts';
import { ModelStore } from '../serve/model-store.ts';
import { StateDir } from '../serve/state-dir.ts';
import { dirname, resolve } from 'node:path';

/** `law watch SPEC [--data PATH] [--role scorer|trainer]` */
export async function watchCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}, drain: () => Promise<void> = async () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, role: { type: 'string', default: 'scorer' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return out(HELP.watch);
  if (positionals.length !== 1) throw new UsageError(`watch takes one SPEC file, got ${positionals.length} (see law watch --help)`);
  const specPath = positionals[0];
  const role = values.role;
  if (role !== 'scorer' && role !== 'trainer') throw new UsageError(`--role: "${role}" is not scorer or trainer`);
  // Signals are taken from the start: a SIGTERM while the models load is a clean stop too.
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await watchSpec(specPath, values.data, role, out, warn, drain, stop.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

async function watchSpec(specPath: string, data: string | undefined, role: 'scorer' | 'trainer', out: (s: string) => void, warn: (s: string) => void, drain: () => Promise<void>, signal: AbortSignal): Promise<void> {
  const loaded = loadSpec(specPath, data, { labelFile: false });
  if (!loaded.spec.deploy) throw new UsageError(`${specPath}: the spec has no deploy section: say where to read (deploy.source) and write (deploy.sinks); see law watch --help`);
  let spec: Spec = loaded.spec;
  // A service restarted goes on with the newest model its state keeps: no training again.
  const stored = data === undefined ? new ModelStore(new StateDir(resolve(dirname(resolve(specPath)), loaded.spec.deploy.state ?? 'law-state'))).latest() : null;
  if (spec.deploy?.models && (!spec.fitted || data !== undefined)) {
    // Each worker training at its start would make a model of its own: the pool starts from one fitted spec instead.
    throw new UsageError(`${specPath}: with deploy.models every worker starts from one model, so give a fitted spec (law fit ${specPath} --out FITTED, then law watch FITTED); the trainer retrains`);
  }
  if (stored && !spec.fitted) {
    spec = { ...stored.spec, deploy: loaded.spec.deploy };
    await prepareBackends(spec, warn);
  } else if (!spec.fitted || data !== undefined) {
    warn('the spec is not fitted: training it on its data first (law fit writes a fitted spec once)');
    spec = (await fitFromFile(specPath, loadSpec(specPath, data), warn)).spec;
  } else {
    await prepareBackends(spec, warn);
  }
  if (signal.aborted) return;
  if (role === 'trainer') {
    if (!spec.deploy?.models) throw new UsageError(`${specPath}: --role trainer publishes models for scorers to take: give deploy.models (a NATS bucket)`);
    return runTrainer({ specPath, spec: spec as Spec & { deploy: DeploySpec }, log: jsonLog(), signal });
  }
  await runWatch({
    specPath,
    spec: spec as Spec & { deploy: DeploySpec },
    log: jsonLog(),
    stdout: async (s) => {
      out(s.replace(/\n$/, ''));
      await drain();
    },
    signal,
  });
}
