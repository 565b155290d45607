/**
 * Session persistence for the Excel task pane. A ribbon button opens the pane at its step
 * (taskpane.html?step=…), which reloads the page; the imported submissions (already parsed) and
 * the roster are kept in IndexedDB under the workbook's session id (a random id stored in the
 * workbook's add-in settings), so the pane comes back where it was. Local only, like everything
 * else; “清空已导入” deletes it, and only the most recent sessions are kept.
 */
import type { Submission } from '../../core/check';
import type { EarlierResult, ScoreBook } from '../../core/pipelineSession';
import type { ScoreEntry } from '../../core/scoring';
import type { Roster } from '../../core/units';

export interface SessionData {
  subs: Submission[];
  roster: Roster | null;
  /** Score workbooks, an opened earlier result, scores typed in the pane (older sessions lack them). */
  scoreBooks?: ScoreBook[];
  previous?: EarlierResult | null;
  entries?: ScoreEntry[];
  savedAt: number;
}

export interface SessionStore {
  load(id: string): Promise<SessionData | null>;
  save(id: string, data: SessionData): Promise<void>;
  remove(id: string): Promise<void>;
}

const DB = 'zhendi';
const STORE = 'sessions';
const KEEP = 5;

function request<T>(r: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });
}

function open(): Promise<IDBDatabase> {
  const r = indexedDB.open(DB, 1);
  r.onupgradeneeded = () => {
    if (!r.result.objectStoreNames.contains(STORE)) r.result.createObjectStore(STORE);
  };
  return request(r);
}

/** IndexedDB-backed store (browser and worker); null where IndexedDB is unavailable. */
export function indexedDbStore(): SessionStore | null {
  if (typeof indexedDB === 'undefined') return null;
  return {
    async load(id) {
      const db = await open();
      try {
        return ((await request(db.transaction(STORE).objectStore(STORE).get(id))) as SessionData | undefined) ?? null;
      } finally {
        db.close();
      }
    },
    async save(id, data) {
      const db = await open();
      try {
        const store = db.transaction(STORE, 'readwrite').objectStore(STORE);
        await request(store.put(data, id));
        // Keep only the most recent sessions.
        const keys = (await request(store.getAllKeys())) as string[];
        if (keys.length > KEEP) {
          const all = await Promise.all(keys.map(async (k) => ({ k, at: ((await request(store.get(k))) as SessionData | undefined)?.savedAt ?? 0 })));
          all.sort((a, b) => b.at - a.at);
          for (const old of all.slice(KEEP)) await request(store.delete(old.k));
        }
      } finally {
        db.close();
      }
    },
    async remove(id) {
      const db = await open();
      try {
        await request(db.transaction(STORE, 'readwrite').objectStore(STORE).delete(id));
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
      return data.get(id) ?? null;
    },
    async save(id, d) {
      data.set(id, structuredClone(d));
    },
    async remove(id) {
      data.delete(id);
    },
  };
}
