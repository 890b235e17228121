/**
 * Which TensorFlow.js backend the autoencoder computes on.
 *
 * Choosing a backend is asynchronous in TF.js (the wasm backend fetches and
 * compiles its binary), while the Detector contract is synchronous. So the
 * caller awaits {@link initAutoencoderBackend} once, before fitting or
 * scoring; after that every TF.js op the autoencoder uses (including Adam's
 * `minimize` and `dataSync`) runs synchronously on the cpu and wasm backends.
 *
 * This file has no DOM or Node imports. Registering the wasm backend and
 * telling it where its `.wasm` binaries are is platform specific and lives in
 * twin files outside core: `app/serve/tf-node.ts` (Node) and
 * `app/workers/tf-web.ts` (Vite-built web worker).
 */
import * as tf from '@tensorflow/tfjs';

/** Backends tried by default, best first. */
export const DEFAULT_BACKENDS: readonly string[] = Object.freeze(['wasm', 'cpu']);

/**
 * Makes the first backend of `candidates` that is registered and initialises
 * the current TF.js backend, and resolves to its name. A candidate whose
 * initialisation fails (e.g. the wasm binary cannot be loaded) is skipped.
 * Throws when none works, naming each candidate and why it was skipped.
 */
export async function initAutoencoderBackend(candidates: readonly string[] = DEFAULT_BACKENDS): Promise<string> {
  const why: string[] = [];
  for (const name of candidates) {
    if (tf.findBackendFactory(name) == null) {
      why.push(`${name}: not registered`);
      continue;
    }
    try {
      if (await tf.setBackend(name)) {
        await tf.ready();
        return tf.getBackend();
      }
      why.push(`${name}: failed to initialise`);
    } catch (e) {
      why.push(`${name}: ${e instanceof Error ? e.message : String((e as { message?: unknown })?.message ?? e)}`);
    }
  }
  throw new Error(`no TensorFlow.js backend could be initialised (${why.join('; ')})`);
}

/**
 * wasm when it initialises, else cpu; `onFallback` hears why wasm was not
 * used. The Node and web twins (`app/serve/tf-node.ts`, `app/workers/tf-web.ts`)
 * call this after their own set-up of the wasm binaries.
 */
export async function initWasmOrCpu(onFallback?: (message: string) => void): Promise<string> {
  try {
    return await initAutoencoderBackend(['wasm']);
  } catch (e) {
    const name = await initAutoencoderBackend(['cpu']);
    onFallback?.(`${e instanceof Error ? e.message : String(e)}; using the ${name} backend`);
    return name;
  }
}

/** The backend currently in use, or null when none was initialised yet. */
export function currentBackend(): string | null {
  // `engine().backendName` is set by setBackend and does not trigger TF.js's
  // lazy pick of a default backend the way `getBackend()` does.
  return tf.engine().backendName ?? null;
}

/**
 * The backend to compute on now, synchronously. When nobody awaited
 * {@link initAutoencoderBackend}, falls back to the cpu backend, whose
 * initialisation is synchronous; the model records which backend was used.
 */
export function ensureBackend(): string {
  const name = currentBackend();
  if (name) return name;
  // setBackend('cpu') completes synchronously: cpu's factory is not async, so
  // the engine switches before the returned promise is even awaited.
  void tf.setBackend('cpu').catch(() => undefined);
  const now = currentBackend();
  if (!now) throw new Error('no TensorFlow.js backend is ready: await initAutoencoderBackend() before fitting the autoencoder');
  return now;
}
