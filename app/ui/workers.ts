// Worker factories: Vite bundles each `new URL(…, import.meta.url)` worker as its own chunk.
export const createIngestWorker = () => new Worker(new URL('../workers/ingest.worker.ts', import.meta.url), { type: 'module' });
export const createDetectWorker = () => new Worker(new URL('../workers/detect.worker.ts', import.meta.url), { type: 'module' });
export const createScreenWorker = () => new Worker(new URL('../workers/screen.worker.ts', import.meta.url), { type: 'module' });
export const createDataWorker = () => new Worker(new URL('../workers/data.worker.ts', import.meta.url), { type: 'module' });
