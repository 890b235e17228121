/**
 * TensorFlow.js backend for the autoencoder in Node (CLI, tests).
 *
 * Importing `@tensorflow/tfjs-backend-wasm` registers the wasm backend; its
 * Node build finds the `.wasm` binaries next to itself in node_modules, so no
 * `setWasmPaths` is needed. TF.js has no wasm threads in Node, so the SIMD (or
 * plain) single-threaded binary is used.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { initWasmOrCpu } from '../core/detect/tf-backend.ts';

let ready: Promise<string> | null = null;

/**
 * Initialises wasm, or cpu if wasm fails (once per process); resolves to the
 * backend in use. `onFallback` hears why wasm was not used (e.g. to print a
 * warning).
 */
export function initNodeBackend(onFallback?: (message: string) => void): Promise<string> {
  ready ??= (async () => {
    // Silences TF.js's console advice (e.g. "install tfjs-node" on the cpu
    // backend, which cannot be installed here); errors still throw.
    tf.enableProdMode();
    return initWasmOrCpu(onFallback);
  })();
  return ready;
}
