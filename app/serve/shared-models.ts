// Model versions shared by every worker of a pool through a NATS registry
// (deploy.models): what a scorer or the trainer starts with, and the spec as
// it is published (the model without any one worker's deploy section).
import type { DeploySpec } from '../core/experiment/deploy-spec.ts';
import type { Spec } from '../core/experiment/spec.ts';
import { natsConnection } from './nats/connection.ts';
import { NatsModelRegistry, type RegistryVersion } from './nats/model-registry.ts';
import type { ServiceLog } from './service-log.ts';

/** The registry `deploy.models` names, on the NATS source's server unless it gives a url; null without one. */
export async function openSharedModels(deploy: DeploySpec): Promise<NatsModelRegistry | null> {
  if (!deploy.models) return null;
  const url = deploy.models.url ?? (deploy.source as { url: string }).url;
  return NatsModelRegistry.open(await natsConnection(url), deploy.models.bucket);
}

/**
 * The version to start with: the registry's newest, unless the spec given
 * was fitted after it (deployed anew), which is then published as the next
 * version — the rule a single `law watch` applies to its state folder.
 */
export async function startingVersion(registry: NatsModelRegistry, spec: Spec, log: ServiceLog): Promise<RegistryVersion> {
  const latest = await registry.latest();
  const fittedAt = spec.fitted?.at ?? '';
  if (latest && !(fittedAt > (latest.spec.fitted?.at ?? ''))) return latest;
  // Workers started together from one fitted spec: the first to claim it publishes it, the others take that version.
  if (!(await registry.claim(`fitted.${fittedAt}`))) {
    const published = await waitForFitted(registry, fittedAt);
    if (published) return published;
    log('warn', `another worker claimed the spec fitted at ${fittedAt} but did not publish it within a minute: publishing it here`);
  }
  const model = publishedSpec(spec);
  const version = await registry.publish(model);
  log('info', latest ? `the spec was fitted (${fittedAt}) after model version ${latest.version}: published as version ${version}` : `the model registry was empty: published the spec as version ${version}`, { model: version });
  return { version, spec: model };
}

/** A spec as the registry keeps it: its model, features and threshold, not the deploy section of the worker that published it. */
export function publishedSpec(spec: Spec): Spec {
  const { deploy: _deploy, ...model } = spec;
  return model;
}

/** The newest version once one fitted at `fittedAt` or later is published (by the worker that claimed it); null after a minute (it stopped first). */
async function waitForFitted(registry: NatsModelRegistry, fittedAt: string): Promise<RegistryVersion | null> {
  const deadline = Date.now() + 60_000;
  // The pointer is polled; a spec (megabytes, maybe) is read only when the pointer names a version not read yet.
  let read: number | null = null;
  while (Date.now() < deadline) {
    const version = await registry.latestVersion();
    if (version !== null && version !== read) {
      read = version;
      const latest = await registry.latest();
      if (latest && (latest.spec.fitted?.at ?? '') >= fittedAt) return latest;
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return null;
}
