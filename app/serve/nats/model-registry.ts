import type { KV, KvEntry, NatsConnection, ObjectStore, QueuedIterator } from 'nats';
import { parseSpec } from '../../core/experiment/parse-spec.ts';
import type { Spec } from '../../core/experiment/spec.ts';
import { stringifyFitted } from '../../core/score/stringify-fitted.ts';
import { retryDelay } from '../../core/watch/backoff.ts';
import { createRandom } from '../../core/random.ts';
import { sleep } from '../sleep.ts';

/** The KV key whose value is the version number scorers use (decimal text). */
const LATEST = 'latest';
/** JetStream's "wrong last sequence": an expected revision did not hold (someone else wrote first). */
const WRONG_LAST_SEQUENCE = 10071;
/** Publishing gives up after this many lost races (each costs at most one upload). */
const PUBLISH_TRIES = 10;
/** Versions kept in the object store: the newest and the 19 before it (older ones are deleted as new ones come). */
export const KEPT_VERSIONS = 20;

export interface RegistryVersion {
  version: number;
  spec: Spec;
}

export type RegistryLog = (level: 'info' | 'warn', message: string) => void;

/** The object holding a version's fitted spec: `v000001.json`, named as the local ModelStore names its files. */
export function specObjectName(version: number): string {
  return `v${String(version).padStart(6, '0')}.json`;
}

/**
 * Model versions shared by every `law watch` worker over NATS JetStream, the
 * registry counterpart of the local ModelStore. A version is a whole fitted
 * spec in the object store `${bucket}-specs` (specs reach many MB, above
 * NATS's 1 MB payload; the object store chunks them and checks a SHA-256
 * digest on read); the KV bucket `bucket` holds only the pointer `latest`.
 *
 * Invariants: an object is written in full before any pointer names it; an
 * object is never overwritten (created with an expected revision of 0), so
 * a scorer reading version N always reads the spec published as N; the
 * pointer only moves up, by compare-and-set on its revision.
 */
export class NatsModelRegistry {
  private readonly random = createRandom(1);
  private readonly watchers = new Set<QueuedIterator<KvEntry>>();
  private closed = false;

  private constructor(
    readonly bucket: string,
    private readonly kv: KV,
    private readonly os: ObjectStore,
  ) {}

  /** Opens the KV bucket `bucket` and the object store `${bucket}-specs`, creating them when missing. */
  static async open(nc: NatsConnection, bucket: string): Promise<NatsModelRegistry> {
    try {
      const js = nc.jetstream();
      // history 1: only the pointer's current revision matters for compare-and-set.
      const kv = await js.views.kv(bucket, { history: 1 });
      const os = await js.views.os(`${bucket}-specs`);
      return new NatsModelRegistry(bucket, kv, os);
    } catch (e) {
      throw new Error(`model registry ${bucket}: cannot open its KV bucket or object store ${bucket}-specs: ${(e as Error).message}`, { cause: e });
    }
  }

  /**
   * Claims `name` once for the whole pool (a create-only key): true for the
   * first caller, false for every other, ever. Workers started together from
   * one fitted spec claim it, so that one of them publishes it, not each.
   */
  async claim(name: string): Promise<boolean> {
    try {
      await this.kv.create(`claim.${name.replace(/[^-/_=.a-zA-Z0-9]/g, '_')}`, new Date().toISOString());
      return true;
    } catch (e) {
      if (isWrongLastSequence(e)) return false;
      throw new Error(`model registry ${this.bucket}: cannot claim ${name}: ${(e as Error).message}`, { cause: e });
    }
  }

  /** The number `latest` names, without reading its spec; null while nothing is published. */
  async latestVersion(): Promise<number | null> {
    return (await this.readPointer())?.version ?? null;
  }

  /** The version `latest` names and its spec, read in full; null while nothing is published. */
  async latest(): Promise<RegistryVersion | null> {
    const pointer = await this.readPointer();
    return pointer && this.load(pointer.version);
  }

  /**
   * Stores a spec as a new version and moves `latest` to it; returns its number.
   *
   * The number is claimed by creating its object (create-only, so two
   * trainers racing for N cannot overwrite each other: the loser takes the
   * next free number, which also steps over an object left by a trainer that
   * died before moving the pointer). The pointer then moves by compare-and-set
   * while it is below the claimed number; if a racing trainer has meanwhile
   * published a higher one, the pointer stays there (the highest version
   * wins) and this version is kept in the store but never becomes `latest`.
   */
  async publish(spec: Spec): Promise<number> {
    const text = stringifyFitted(spec) + '\n';
    // Read back as a scorer will: a spec that does not parse would stop every scorer at once.
    parseSpec(JSON.parse(text));
    const bytes = new TextEncoder().encode(text);
    let version = ((await this.readPointer())?.version ?? 0) + 1;
    for (let tries = 1; ; tries++) {
      if (await this.createObject(version, bytes)) break;
      if (tries >= PUBLISH_TRIES) throw new Error(`model registry ${this.bucket}: other publishers took the version number ${PUBLISH_TRIES} times (the last: ${version}); gave up`);
      version = Math.max(version, (await this.readPointer())?.version ?? 0) + 1;
    }
    for (let tries = 1; ; tries++) {
      const pointer = await this.readPointer();
      if (pointer && pointer.version >= version) return version;
      try {
        if (pointer) await this.kv.update(LATEST, String(version), pointer.revision);
        else await this.kv.create(LATEST, String(version));
        await this.prune(version);
        return version;
      } catch (e) {
        if (!isWrongLastSequence(e)) throw new Error(`model registry ${this.bucket}: version ${version} is stored but "${LATEST}" could not be moved to it: ${(e as Error).message}`, { cause: e });
        if (tries >= PUBLISH_TRIES) throw new Error(`model registry ${this.bucket}: version ${version} is stored but "${LATEST}" kept changing under ${PUBLISH_TRIES} tries to move it; gave up`, { cause: e });
      }
    }
  }

  /**
   * Calls `onVersion` with the version `latest` names when the watch starts
   * (if any) and with each higher one after, every time with the spec loaded
   * in full and parsed, so a caller never holds a half-loaded model; compare
   * the number with the one you hold. Versions published faster than they
   * load are skipped to the newest. A failure (the connection, a missing or
   * corrupt object) is logged and the watch starts again after a backoff
   * with jitter, re-reading the pointer. Resolves when `signal` aborts or
   * `close()` is called; rejects only with what `onVersion` throws.
   */
  async watch(onVersion: (v: RegistryVersion) => void, signal: AbortSignal, log?: RegistryLog): Promise<void> {
    let seen = 0;
    let failures = 0;
    while (!signal.aborted && !this.closed) {
      let iterator: QueuedIterator<KvEntry> | null = null;
      const stop = () => iterator?.stop();
      signal.addEventListener('abort', stop, { once: true });
      try {
        iterator = await this.kv.watch({ key: LATEST });
        this.watchers.add(iterator);
        if (signal.aborted) break;
        for await (const entry of iterator) {
          if (entry.operation !== 'PUT') continue;
          const version = this.parseVersion(entry.string());
          if (version <= seen) continue;
          const loaded = await this.load(version);
          if (failures > 0) log?.('info', `model registry ${this.bucket}: watching again`);
          failures = 0;
          seen = version;
          if (signal.aborted || this.closed) break;
          try {
            onVersion(loaded);
          } catch (e) {
            throw new CallerError(e);
          }
        }
        // The iterator ends when stopped (abort, close) or when its connection closes.
        if (signal.aborted || this.closed) break;
        throw new Error('the watch ended (connection closed?)');
      } catch (e) {
        if (e instanceof CallerError) throw e.cause;
        failures++;
        const wait = retryDelay(failures, this.random);
        log?.('warn', `${this.describe(e)}; watching again in ${wait} ms`);
        await sleep(wait, signal);
      } finally {
        signal.removeEventListener('abort', stop);
        if (iterator) {
          iterator.stop();
          this.watchers.delete(iterator);
        }
      }
    }
  }

  /** Stops every watch this registry holds (their promises resolve); the connection stays the caller's. */
  close(): void {
    this.closed = true;
    for (const w of this.watchers) w.stop();
    this.watchers.clear();
  }

  /** An error as a message naming the bucket once (the registry's own errors already do; the client's do not). */
  private describe(e: unknown): string {
    const message = (e as Error).message ?? String(e);
    const prefix = `model registry ${this.bucket}`;
    return message.startsWith(prefix) ? message : `${prefix}: ${message}`;
  }

  private async readPointer(): Promise<{ version: number; revision: number } | null> {
    let entry: KvEntry | null;
    try {
      entry = await this.kv.get(LATEST);
    } catch (e) {
      throw new Error(`model registry ${this.bucket}: cannot read "${LATEST}": ${(e as Error).message}`, { cause: e });
    }
    if (!entry || entry.operation !== 'PUT') return null;
    return { version: this.parseVersion(entry.string()), revision: entry.revision };
  }

  private parseVersion(text: string): number {
    const version = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(version) || version < 1) throw new Error(`model registry ${this.bucket}: "${LATEST}" holds ${JSON.stringify(text)}, not a version number (1, 2, …)`);
    return version;
  }

  /** Reads a version's object in full (the object store checks its digest) and parses it. */
  private async load(version: number): Promise<RegistryVersion> {
    const name = specObjectName(version);
    const where = `model registry ${this.bucket}: version ${version} (${this.bucket}-specs/${name})`;
    let bytes: Uint8Array | null;
    try {
      bytes = await this.os.getBlob(name);
    } catch (e) {
      throw new Error(`${where}: cannot read: ${(e as Error).message}`, { cause: e });
    }
    if (bytes === null) throw new Error(`${where}: "${LATEST}" names it but the object is missing`);
    try {
      return { version, spec: parseSpec(JSON.parse(new TextDecoder().decode(bytes))) };
    } catch (e) {
      throw new Error(`${where}: not a valid spec: ${(e as Error).message}`, { cause: e });
    }
  }

  /** Creates the version's object; false when it exists already (another publisher claimed the number). */
  /**
   * Deletes the versions older than the newest `KEPT_VERSIONS` (best effort:
   * a failure leaves them for the next publish). A scorer only ever loads the
   * newest, so an old one going away under a slow reader needs that many
   * newer versions published during its read.
   */
  private async prune(newest: number): Promise<void> {
    const names = new Set<string>();
    try {
      for (const info of await this.os.list()) names.add(info.name);
      for (let v = newest - KEPT_VERSIONS; v >= 1; v--) {
        const name = specObjectName(v);
        if (names.has(name)) await this.os.delete(name);
      }
    } catch {
      // Kept for the next publish to try again.
    }
  }

  private async createObject(version: number, bytes: Uint8Array): Promise<boolean> {
    try {
      await this.os.putBlob({ name: specObjectName(version) }, bytes, { previousRevision: 0 });
      return true;
    } catch (e) {
      if (isWrongLastSequence(e)) return false;
      throw new Error(`model registry ${this.bucket}: cannot store version ${version} (${this.bucket}-specs/${specObjectName(version)}): ${(e as Error).message}`, { cause: e });
    }
  }
}

function isWrongLastSequence(e: unknown): boolean {
  return (e as { api_error?: { err_code?: number } } | null)?.api_error?.err_code === WRONG_LAST_SEQUENCE;
}

/** What `onVersion` threw, told apart from the registry's own failures (those are retried, this is the caller's). */
class CallerError {
  constructor(readonly cause: unknown) {}
}
