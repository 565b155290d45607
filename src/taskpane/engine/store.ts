/**
 * Session persistence of the pane and the web page. In Excel a ribbon button opens the pane at its
 * step (taskpane.html?step=…), which reloads the page; on the web page a reload is a reload. The
 * imported files (parsed, and their bytes for return copies), the roster, score workbooks, an
 * earlier result, typed scores and the settings are kept in IndexedDB under a session id (Excel:
 * a random id in the workbook's settings; web page: one fixed id), so the pane comes back where it
 * was. Local only, like everything else; only the most recent sessions are kept.
 *
 * One record per file (a submission with its bytes, a score workbook, the earlier result), keyed by
 * session, kind, name and content hash, and one small session record (the files in order, roster,
 * typed entries, settings). A save writes only the files not stored yet and deletes those no longer
 * in the session, all in one transaction with the small record: a drop onto 1,000 files writes the
 * new files only, and typing a score writes the small record only.
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
  /** Files the saved session lists whose records are gone (load only): to be dropped again. */
  missing?: string[];
}

export interface SessionStore {
  load(id: string): Promise<SessionData | null>;
  save(id: string, data: SessionData): Promise<void>;
  remove(id: string): Promise<void>;
  /** Files being read for long (a tab that dies while reading leaves them here; see EngineCore). */
  mark?(id: string, reading: Ref[]): Promise<void>;
  marked?(id: string): Promise<Ref[]>;
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
/** 2: one record per file (1: a session's files in one record). */
const VERSION = 2;
const SESSIONS = 'sessions';
const FILES = 'files';
const KEEP = 5;

type Kind = 'sub' | 'book' | 'result';
/** Key of a file record: [session, kind, file name, SHA-256]. */
type FileKey = [string, Kind, string, string];
export interface Ref {
  file: string;
  sha256: string;
}
interface FileRecord {
  kind: Kind;
  file: string;
  sha256: string;
  value: Submission | ScoreBook | EarlierResult;
  /** A submission's bytes (kept with the last submission of that name, as the engine keeps them). */
  bytes?: Uint8Array;
}
/** The small record of a session: what it holds, by reference to the file records. */
interface SessionRecord extends Omit<SessionData, 'subs' | 'originals' | 'scoreBooks' | 'previous' | 'missing'> {
  v: 2;
  subs: Ref[];
  scoreBooks: Ref[];
  previous: Ref | null;
}
/** Version 1: the small record (files inline before `split`) and `<id>\0files` with every file. */
type LegacyRecord = Omit<SessionData, 'subs'> & { subs?: Submission[]; split?: boolean };
type LegacyFiles = Pick<SessionData, 'subs' | 'originals'>;
const legacyFilesKey = (id: string) => `${id}\u0000files`;
const readingKey = (id: string) => `${id}\u0000reading`;

const keyOf = (id: string, kind: Kind, r: Ref): FileKey => [id, kind, r.file, r.sha256];
const textOf = (k: FileKey | IDBValidKey) => (k as FileKey).join('\u0000');
const refOf = (r: Ref): Ref => ({ file: r.file, sha256: r.sha256 });

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

/** The IndexedDB of the page or worker; tests pass another implementation. */
export interface IndexedDbApi {
  indexedDB: IDBFactory;
  IDBKeyRange: typeof IDBKeyRange;
}

/** IndexedDB-backed store (browser and worker); null where IndexedDB is unavailable. */
export function indexedDbStore(api: IndexedDbApi | null = typeof indexedDB === 'undefined' ? null : { indexedDB, IDBKeyRange }): SessionStore | null {
  if (!api) return null;
  /** Every file record of a session. */
  const range = (id: string) => api.IDBKeyRange.bound([id], [id, []]);

  async function open(): Promise<IDBDatabase> {
    try {
      const r = api!.indexedDB.open(DB, VERSION);
      // Version 1 sessions are converted when first loaded (load), where a full disk cannot lose them.
      r.onupgradeneeded = () => {
        if (!r.result.objectStoreNames.contains(SESSIONS)) r.result.createObjectStore(SESSIONS);
        if (!r.result.objectStoreNames.contains(FILES)) r.result.createObjectStore(FILES);
      };
      return await request(r);
    } catch (e) {
      // Blocked (private windows of some browsers, disabled site data) or broken: no store at all.
      throw new StoreError(storageProblem(e) === 'quota' ? 'quota' : 'unavailable', e);
    }
  }

  async function withDb<T>(fn: (db: IDBDatabase) => Promise<T>): Promise<T> {
    const db = await open();
    try {
      return await fn(db);
    } finally {
      db.close();
    }
  }

  /** Writes the session in one transaction: its new files, the small record, and deletes what it no longer holds. */
  async function write(db: IDBDatabase, id: string, data: SessionData): Promise<void> {
    const tx = db.transaction([SESSIONS, FILES], 'readwrite');
    const finished = done(tx);
    try {
      await writeIn(tx, id, data);
    } catch (e) {
      // Nothing of a failed save is kept: the session stays as it was saved last.
      try {
        tx.abort();
      } catch {
        /* already finished */
      }
      finished.catch(() => undefined);
      throw e;
    }
    await finished;
  }

  async function writeIn(tx: IDBTransaction, id: string, data: SessionData): Promise<void> {
    const sessions = tx.objectStore(SESSIONS);
    const files = tx.objectStore(FILES);
    const stored = new Map(((await request(files.getAllKeys(range(id)))) as FileKey[]).map((k) => [textOf(k), k]));
    const keep = new Set<string>();
    const put = (kind: Kind, value: FileRecord['value'], bytes?: Uint8Array) => {
      const key = keyOf(id, kind, value);
      const text = textOf(key);
      keep.add(text);
      if (stored.has(text)) return;
      const rec: FileRecord = { kind, file: value.file, sha256: value.sha256, value, ...(bytes ? { bytes } : {}) };
      files.put(rec, key);
    };
    const last = new Map(data.subs.map((s, i) => [s.file, i]));
    data.subs.forEach((s, i) => put('sub', s, last.get(s.file) === i ? data.originals?.[s.file] : undefined));
    for (const b of data.scoreBooks ?? []) put('book', b);
    if (data.previous) put('result', data.previous);
    for (const [text, key] of stored) if (!keep.has(text)) files.delete(key);
    const { subs, originals: _o, scoreBooks, previous, missing: _m, ...rest } = data;
    const record: SessionRecord = { ...rest, v: 2, subs: subs.map(refOf), scoreBooks: (scoreBooks ?? []).map(refOf), previous: previous ? refOf(previous) : null };
    sessions.put(record, id);
    sessions.delete(legacyFilesKey(id));
    // Keep only the most recent sessions (a session's files go with it).
    const ids = ((await request(sessions.getAllKeys())) as string[]).filter((k) => !k.includes('\u0000'));
    if (ids.length > KEEP) {
      const all = await Promise.all(ids.map(async (k) => ({ k, at: ((await request(sessions.get(k))) as { savedAt?: number } | undefined)?.savedAt ?? 0 })));
      all.sort((a, b) => b.at - a.at);
      for (const old of all.slice(KEEP)) {
        sessions.delete(old.k);
        sessions.delete(legacyFilesKey(old.k));
        sessions.delete(readingKey(old.k));
        files.delete(range(old.k));
      }
    }
  }

  async function readLegacy(db: IDBDatabase, id: string, old: LegacyRecord): Promise<SessionData> {
    const files = old.split ? ((await request(db.transaction(SESSIONS).objectStore(SESSIONS).get(legacyFilesKey(id)))) as LegacyFiles | undefined) : undefined;
    const { split: _s, ...rest } = old;
    return { ...rest, subs: files?.subs ?? old.subs ?? [], originals: files?.originals ?? old.originals ?? {} };
  }

  return {
    load: (id) =>
      withDb(async (db) => {
        const tx = db.transaction([SESSIONS, FILES]);
        const record = (await request(tx.objectStore(SESSIONS).get(id))) as SessionRecord | LegacyRecord | undefined;
        if (!record) return null;
        if (!('v' in record) || record.v !== 2) {
          const data = await readLegacy(db, id, record as LegacyRecord);
          // Converted once, so later saves write only what changed; if that fails, the old record stays.
          await write(db, id, data).catch(() => undefined);
          return data;
        }
        const recs = (await request(tx.objectStore(FILES).getAll(range(id)))) as FileRecord[];
        const byKey = new Map(recs.map((r) => [textOf(keyOf(id, r.kind, r)), r]));
        const missing: string[] = [];
        const pick = <T>(kind: Kind, ref: Ref): T | null => {
          const rec = byKey.get(textOf(keyOf(id, kind, ref)));
          if (!rec) missing.push(ref.file);
          return (rec?.value as T | undefined) ?? null;
        };
        const subs = record.subs.map((r) => pick<Submission>('sub', r)).filter((s): s is Submission => !!s);
        const originals: Record<string, Uint8Array> = {};
        for (const r of record.subs) {
          const bytes = byKey.get(textOf(keyOf(id, 'sub', r)))?.bytes;
          if (bytes) originals[r.file] = bytes;
        }
        const scoreBooks = record.scoreBooks.map((r) => pick<ScoreBook>('book', r)).filter((b): b is ScoreBook => !!b);
        const previous = record.previous ? pick<EarlierResult>('result', record.previous) : null;
        const { v: _v, ...rest } = record;
        return { ...rest, subs, originals, scoreBooks, previous, ...(missing.length ? { missing } : {}) };
      }),
    save: (id, data) => withDb((db) => write(db, id, data)),
    remove: (id) =>
      withDb(async (db) => {
        const tx = db.transaction([SESSIONS, FILES], 'readwrite');
        tx.objectStore(SESSIONS).delete(id);
        tx.objectStore(SESSIONS).delete(legacyFilesKey(id));
        tx.objectStore(SESSIONS).delete(readingKey(id));
        tx.objectStore(FILES).delete(range(id));
        await done(tx);
      }),
    mark: (id, reading) =>
      withDb(async (db) => {
        const tx = db.transaction(SESSIONS, 'readwrite');
        if (reading.length) tx.objectStore(SESSIONS).put(reading.map(refOf), readingKey(id));
        else tx.objectStore(SESSIONS).delete(readingKey(id));
        await done(tx);
      }),
    marked: (id) => withDb(async (db) => ((await request(db.transaction(SESSIONS).objectStore(SESSIONS).get(readingKey(id)))) as Ref[] | undefined) ?? []),
  };
}

/** In-memory store (tests). */
export function memoryStore(): SessionStore & { data: Map<string, SessionData>; marks: Map<string, Ref[]> } {
  const data = new Map<string, SessionData>();
  const marks = new Map<string, Ref[]>();
  return {
    data,
    marks,
    async mark(id, reading) {
      if (reading.length) marks.set(id, structuredClone(reading));
      else marks.delete(id);
    },
    async marked(id) {
      return structuredClone(marks.get(id) ?? []);
    },
    async load(id) {
      return structuredClone(data.get(id) ?? null);
    },
    async save(id, d) {
      data.set(id, structuredClone(d));
    },
    async remove(id) {
      data.delete(id);
      marks.delete(id);
    },
  };
}
