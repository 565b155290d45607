/**
 * Session persistence of the pane and the web page. In Excel a ribbon button opens the pane at its
 * step (taskpane.html?step=…), which reloads the page; on the web page a reload is a reload. The
 * imported files (parsed, and their bytes for return copies), the roster, score workbooks, an
 * earlier result, typed scores and the settings are kept in IndexedDB under a session id (Excel:
 * a random id in the workbook's settings; web page: one fixed id), so the pane comes back where it
 * was. Local only, like everything else; only the most recent sessions are kept.
 *
 * Two records per session: the small one (roster, scores, settings, …) is written after every
 * change, the files record only when the files changed, so typing a score never rewrites megabytes.
 */
import type { Submission } from '../../core/check';
import type { EarlierResult, ScoreBook } from '../../core/pipelineSession';
import type { ScoreEntry } from '../../core/scoring';
import type { Roster } from '../../core/units';
import type { Settings } from '../settings';

export interface SessionData {
  subs: Submission[];
  roster: Roster | null;
  /** Score workbooks, an opened earlier result, scores typed in the pane (older sessions lack them). */
  scoreBooks?: ScoreBook[];
  previous?: EarlierResult | null;
  entries?: ScoreEntry[];
  /** The submitted files' bytes by file name (return copies after a reload). */
  originals?: Record<string, Uint8Array>;
  settings?: Settings | null;
  savedAt: number;
}

export interface SessionStore {
  load(id: string): Promise<SessionData | null>;
  /** `files: false`: the submissions and their bytes are unchanged since the last save. */
  save(id: string, data: SessionData, opts?: { files?: boolean }): Promise<void>;
  remove(id: string): Promise<void>;
}

/** Why the session could not be kept: the store is missing or refused, or the disk is full. */
export type StorageProblem = 'unavailable' | 'quota' | 'failed';

export class StoreError extends Error {
  constructor(
    readonly problem: StorageProblem,
    cause?: unknown,
  ) {
    super(`session store: ${problem}${cause instanceof Error ? `: ${cause.message}` : ''}`);
  }
}

/** What kind of failure an IndexedDB (or any store) error is. */
export function storageProblem(e: unknown): StorageProblem {
  if (e instanceof StoreError) return e.problem;
  const name = (e as { name?: string } | null)?.name ?? '';
  const message = e instanceof Error ? e.message : String(e);
  if (name === 'QuotaExceededError' || /quota|disk|space/i.test(message)) return 'quota';
  return 'failed';
}

const DB = 'zhendi';
const STORE = 'sessions';
const KEEP = 5;
/** Key of a session's files record. */
const filesKey = (id: string) => `${id}\u0000files`;

type Meta = Omit<SessionData, 'subs' | 'originals'> & { subs?: Submission[]; split?: boolean };
type FilesRecord = Pick<SessionData, 'subs' | 'originals'>;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('transaction aborted'));
  });
}

async function open(): Promise<IDBDatabase> {
  try {
    const r = indexedDB.open(DB, 1);
    r.onupgradeneeded = () => {
      if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
    };
    return await request(r);
  } catch (e) {
    // Blocked (private windows of some browsers, disabled site data) or broken: no store at all.
    throw new StoreError(storageProblem(e) === 'quota' ? 'quota' : 'unavailable', e);
  }
}

/** IndexedDB-backed store (browser and worker); null where IndexedDB is unavailable. */
export function indexedDbStore(): SessionStore | null {
  if (typeof indexedDB === 'undefined') return null;
  return {
    async load(id) {
      const db = await open();
      try {
        const store = db.transaction(STORE).objectStore(STORE);
        const meta = (await request(store.get(id))) as Meta | undefined;
        if (!meta) return null;
        const files = meta.split ? ((await request(store.get(filesKey(id)))) as FilesRecord | undefined) : undefined;
        const { split: _s, ...rest } = meta;
        return { ...rest, subs: files?.subs ?? meta.subs ?? [], originals: files?.originals ?? {} };
      } finally {
        db.close();
      }
    },
    async save(id, data, opts = {}) {
      const db = await open();
      try {
        const tx = db.transaction(STORE, 'readwrite');
        const store = tx.objectStore(STORE);
        const { subs, originals, ...meta } = data;
        store.put({ ...meta, split: true } satisfies Meta, id);
        if (opts.files !== false) store.put({ subs, originals } satisfies FilesRecord, filesKey(id));
        // Keep only the most recent sessions (a session's files go with it).
        const keys = ((await request(store.getAllKeys())) as string[]).filter((k) => !k.includes('\u0000'));
        if (keys.length > KEEP) {
          const all = await Promise.all(keys.map(async (k) => ({ k, at: ((await request(store.get(k))) as Meta | undefined)?.savedAt ?? 0 })));
          all.sort((a, b) => b.at - a.at);
          for (const old of all.slice(KEEP)) {
            store.delete(old.k);
            store.delete(filesKey(old.k));
          }
        }
        await done(tx);
      } finally {
        db.close();
      }
    },
    async remove(id) {
      const db = await open();
      try {
        const tx = db.transaction(STORE, 'readwrite');
        tx.objectStore(STORE).delete(id);
        tx.objectStore(STORE).delete(filesKey(id));
        await done(tx);
      } finally {
        db.close();
      }
    },
  };
}

/** In-memory store (tests). */
export function memoryStore(): SessionStore & { data: Map<string, SessionData> } {
  const data = new Map<string, SessionData>();
  return {
    data,
    async load(id) {
      return structuredClone(data.get(id) ?? null);
    },
    async save(id, d, opts = {}) {
      const old = data.get(id);
      const next = structuredClone(d);
      // Like IndexedDB: unchanged files are not written again.
      if (opts.files === false && old) Object.assign(next, { subs: old.subs, originals: old.originals });
      data.set(id, next);
    },
    async remove(id) {
      data.delete(id);
    },
  };
}
