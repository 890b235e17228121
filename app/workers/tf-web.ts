/**
 * TensorFlow.js backend for the autoencoder in a Vite-built web worker.
 *
 * Vite emits the wasm binaries as assets (`?url`) and `setWasmPaths` maps the
 * file names the wasm backend asks for to those URLs. Threads are switched
 * off: they need a cross-origin-isolated page, and single-threaded XNNPACK
 * keeps results the same from page to page. Without threads the backend only
 * loads the SIMD binary (or the plain one on an engine without wasm SIMD), so
 * the threaded name points at the SIMD asset rather than shipping a third
 * binary that is never fetched.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlainUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import { initWasmOrCpu } from '../core/detect/tf-backend.ts';

let ready: Promise<string> | null = null;

/**
 * Initialises wasm, or cpu if wasm fails (once per worker); resolves to the
 * backend in use. `onFallback` hears why wasm was not used.
 */
export function initWebBackend(onFallback?: (message: string) => void): Promise<string> {
  ready ??= (async () => {
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlainUrl,
      'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmSimdUrl,
    });
    return initWasmOrCpu(onFallback);
  })();
  return ready;
}
