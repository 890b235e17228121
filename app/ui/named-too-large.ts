import { ResultTooLarge, type WorkerJob } from './worker-job.ts';

/** A load that met a limit, or read the files but could not hand them to the page, says which files, how big, and what to do. */
export function namedTooLarge<T>(job: WorkerJob<T>, files: File[]): WorkerJob<T> {
  const result = job.result.catch((e: unknown) => {
    // The error crossed from the data worker, where comlink keeps only its name and message: its `limit` field is gone.
    if (e instanceof Error && /the limit per file \((maxBytes|maxRows)\)/.test(e.message)) {
      throw new Error(`${e.message}; raise it under "Limits" in this cell, or score the whole file with \`law score\` (a stream has no limit)`, { cause: e });
    }
    if (!(e instanceof ResultTooLarge)) throw e;
    const mib = files.reduce((s, f) => s + f.size, 0) / (1 << 20);
    throw new Error(
      `${files.map((f) => f.name).join(', ')} (${mib.toFixed(1)} MiB): the file was read, but is ${e.message}; ` +
        'load a part of it here, or score all of it with `law score` (a stream has no size limit). What was loaded before is kept.',
      { cause: e },
    );
  });
  return { result, cancel: () => job.cancel() };
}
