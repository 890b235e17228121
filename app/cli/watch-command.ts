import { parseArgs } from 'node:util';
import { runWatch } from '../serve/watch-service.ts';
import { jsonLog } from '../serve/service-log.ts';
import type { DeploySpec } from '../core/watch/deploy-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { fitFromFile } from './fit-training.ts';
import { HELP } from './help.ts';
import { loadSpec } from './load-spec.ts';
import { UsageError } from './node-source.ts';
import { prepareBackends } from './prepare-backends.ts';

/** `law watch SPEC [--data PATH]` */
export async function watchCommand(args: string[], out: (s: string) => void, warn: (s: string) => void = () => {}, drain: () => Promise<void> = async () => {}): Promise<void> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: { data: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
  });
  if (values.help) return out(HELP.watch);
  if (positionals.length !== 1) throw new UsageError(`watch takes one SPEC file, got ${positionals.length} (see law watch --help)`);
  const specPath = positionals[0];
  const loaded = loadSpec(specPath, values.data, { labelFile: false });
  if (!loaded.spec.deploy) throw new UsageError(`${specPath}: the spec has no deploy section: say where to read (deploy.source) and write (deploy.sinks); see law watch --help`);
  let spec: Spec = loaded.spec;
  if (!spec.fitted || values.data !== undefined) {
    warn('the spec is not fitted: training it on its data first (law fit writes a fitted spec once)');
    spec = (await fitFromFile(specPath, loadSpec(specPath, values.data), warn)).spec;
  } else {
    await prepareBackends(spec, warn);
  }
  const stop = new AbortController();
  const onSignal = () => stop.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  try {
    await runWatch({
      specPath,
      spec: spec as Spec & { deploy: DeploySpec },
      log: jsonLog(),
      stdout: async (s) => {
        out(s.replace(/\n$/, ''));
        await drain();
      },
      signal: stop.signal,
    });
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
