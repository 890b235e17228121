/**
 * The notebook survives a reload: its settings live in localStorage, the
 * loaded files (which can be far larger than localStorage allows) in
 * IndexedDB. Nothing leaves the machine.
 */
const SETTINGS_KEY = 'law.notebook.v1';
const DB_NAME = 'law-workbench';
const STORE = 'files';

export function saveSettings(settings: unknown): void {
  try {
    localStorage.setItem(SETTINGS_KEY, JSON.stringify(settings));
  } catch {
    // Private mode or a full quota: the notebook still works, it just won't survive a reload.
  }
}

export function loadSettings<T>(): T | null {
  try {
    const text = localStorage.getItem(SETTINGS_KEY);
    return text ? (JSON.parse(text) as T) : null;
  } catch {
    return null;
  }
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    const req = indexedDB.open(DB_NAME, 1);
    req.onupgradeneeded = () => req.result.createObjectStore(STORE);
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function withStore<T>(mode: IDBTransactionMode, work: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> {
  const db = await openDb();
  try {
    return await new Promise<T>((resolve, reject) => {
      const req = work(db.transaction(STORE, mode).objectStore(STORE));
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    });
  } finally {
    db.close();
  }
}

/** Stores the loaded files (as Blobs with their names). */
export async function saveFiles(files: File[]): Promise<void> {
  try {
    await withStore('readwrite', (s) => s.put(files.map((f) => ({ name: f.name, blob: f as Blob })), 'current'));
  } catch {
    // As above: losing persistence must not break loading.
  }
}

export async function loadFiles(): Promise<File[] | null> {
  try {
    const saved = await withStore<{ name: string; blob: Blob }[] | undefined>('readonly', (s) => s.get('current'));
    return saved ? saved.map((f) => new File([f.blob], f.name)) : null;
  } catch {
    return null;
  }
}

/** Stores the label file (name and text) beside the loaded files. */
export async function saveLabelFile(file: { name: string; text: string } | null): Promise<void> {
  try {
    await withStore('readwrite', (s) => s.put(file, 'labels'));
  } catch {
    // Losing persistence must not break labelling.
  }
}

export async function loadLabelFile(): Promise<{ name: string; text: string } | null> {
  try {
    return (await withStore<{ name: string; text: string } | undefined>('readonly', (s) => s.get('labels'))) ?? null;
  } catch {
    return null;
  }
}
