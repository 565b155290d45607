/**
 * The session store on IndexedDB (engine/store.ts, here on fake-indexeddb): one record per file, so
 * a drop writes only its new files; removal, 新建会话, a session saved by the one-record version,
 * a session some of whose files are gone, and a full disk.
 */
import * as v8 from 'node:v8';
import { IDBFactory, IDBKeyRange, IDBObjectStore } from 'fake-indexeddb';
import { localEngine } from '../../src/taskpane/engine/local';
import { indexedDbStore, memoryStore, type IndexedDbApi, type SessionData } from '../../src/taskpane/engine/store';
import { sampleFiles, settings } from './samples';

type Files = ReturnType<typeof sampleFiles>;

/** The samples under other names (`k-…`): the same bytes, so the later copies are duplicates, as real drops have. */
const copies = (ks: number[]): Files => ks.flatMap((k) => sampleFiles().map((f) => ({ ...f, name: `${k}-${f.name}` })));

function fresh(): { api: IndexedDbApi; store: NonNullable<ReturnType<typeof indexedDbStore>> } {
  const api: IndexedDbApi = { indexedDB: new IDBFactory(), IDBKeyRange };
  return { api, store: indexedDbStore(api)! };
}

/** Every put into IndexedDB while a test runs: which object store, and the size of the value as cloned. */
const writes: { store: string; bytes: number; file?: string }[] = [];
const put = IDBObjectStore.prototype.put;
let failPut: ((store: string) => Error | null) | null = null;
beforeEach(() => {
  writes.length = 0;
  failPut = null;
  jest.spyOn(IDBObjectStore.prototype, 'put').mockImplementation(function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
    const problem = failPut?.(this.name);
    if (problem) throw problem;
    writes.push({ store: this.name, bytes: v8.serialize(value).length, file: (value as { file?: string }).file });
    return put.call(this, value, key);
  });
});
afterEach(() => jest.restoreAllMocks());

const req = <T>(r: IDBRequest<T>) =>
  new Promise<T>((resolve, reject) => {
    r.onsuccess = () => resolve(r.result);
    r.onerror = () => reject(r.error);
  });

async function openRaw(api: IndexedDbApi, version?: number, upgrade?: (db: IDBDatabase) => void): Promise<IDBDatabase> {
  const r = api.indexedDB.open('zhendi', version);
  if (upgrade) r.onupgradeneeded = () => upgrade(r.result);
  return req(r);
}

/** Every record of an object store (key and value). */
async function records(api: IndexedDbApi, name: string): Promise<{ key: IDBValidKey; value: Record<string, unknown> }[]> {
  const db = await openRaw(api);
  try {
    const store = db.transaction(name).objectStore(name);
    const [keys, values] = await Promise.all([req(store.getAllKeys()), req(store.getAll())]);
    return keys.map((key, i) => ({ key, value: values[i] as Record<string, unknown> }));
  } finally {
    db.close();
  }
}

const fileWrites = () => writes.filter((w) => w.store === 'files');
const bytes = (ws: typeof writes) => ws.reduce((n, w) => n + w.bytes, 0);

describe('one record per file', () => {
  it('a second drop writes only its new files (and the small session record), in one save', async () => {
    const { store } = fresh();
    const a = localEngine(store);
    await a.restore('web');
    const first = copies([1, 2, 3]);
    await a.addFiles(first);
    expect(fileWrites()).toHaveLength(first.length);
    const firstBytes = bytes(writes);

    writes.length = 0;
    const second = copies([4]).slice(0, 5);
    const summary = await a.addFiles(second);
    expect(summary.total).toBe(first.length + second.length);
    expect(fileWrites().map((w) => w.file).sort()).toEqual(second.map((f) => f.name).sort());
    expect(writes.filter((w) => w.store === 'sessions')).toHaveLength(1);
    // What the second drop wrote is about its own files, not the session's: 5 of 62 files.
    expect(bytes(writes)).toBeLessThan(firstBytes * 0.2);

    // Typing a score writes the small record only.
    writes.length = 0;
    const unit = (await a.recompute(settings)).scoring.units[0]!.unit;
    expect((await a.setScore({ unit, indicatorId: 'content.news', round: 1, inspector: '张明', value: 12 }, settings)).ok).toBe(true);
    // (the settings of the first recompute, then the score)
    expect(writes.map((w) => w.store)).toEqual(['sessions', 'sessions']);

    // Everything comes back after a reload, bytes too (return copies), with the score.
    const b = localEngine(store);
    expect(await b.restore('web')).toMatchObject({ files: first.length + second.length, storage: null, missing: [] });
    const after = await b.recompute(settings);
    expect(after.json).toEqual((await a.recompute(settings)).json);
    expect(after.scoring.typed).toEqual([expect.objectContaining({ unit, score: 12 })]);
    expect((await b.returnCopiesZip(settings)).length).toBe((await a.returnCopiesZip(settings)).length);
  });

  it('keeps score workbooks and an earlier result as records of their own, written once', async () => {
    const { store } = fresh();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(sampleFiles());
    const result = await a.download(settings);
    await a.openResult({ name: '上次结果.xlsx', bytes: result });
    expect(fileWrites().filter((w) => w.file === '上次结果.xlsx')).toHaveLength(1);
    writes.length = 0;
    await a.addFiles(copies([9]).slice(0, 1));
    expect(fileWrites().map((w) => w.file)).toEqual(['9-' + sampleFiles()[0]!.name]);
    const b = localEngine(store);
    expect(await b.restore('web')).toMatchObject({ others: 1, missing: [] });
    expect((await b.recompute(settings)).sources.result).toBe('上次结果.xlsx');
  });

  it('removing a file deletes its record, and nothing else is written', async () => {
    const { api, store } = fresh();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(sampleFiles());
    const saved = (await store.load('web'))!;
    const gone = saved.subs[2]!.file;
    writes.length = 0;
    await store.save('web', { ...saved, subs: saved.subs.filter((s) => s.file !== gone) });
    expect(fileWrites()).toEqual([]);
    const left = (await records(api, 'files')).map((r) => r.value.file);
    expect(left).toHaveLength(saved.subs.length - 1);
    expect(left).not.toContain(gone);
    const back = (await store.load('web'))!;
    expect(back.subs.map((s) => s.file)).toEqual(saved.subs.map((s) => s.file).filter((f) => f !== gone));
    expect(Object.keys(back.originals!)).not.toContain(gone);
    expect(back.missing).toBeUndefined();
  });

  it('清空已导入 deletes the file records (the roster stays); 新建会话 deletes the whole session, only that one', async () => {
    const { api, store } = fresh();
    const other = localEngine(store);
    await other.restore('wb-other');
    await other.addFiles(sampleFiles().slice(0, 2));
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(sampleFiles());
    await a.reset();
    expect((await records(api, 'files')).map((r) => (r.key as string[])[0])).toEqual(['wb-other', 'wb-other']);
    await a.addFiles(sampleFiles().slice(0, 4));
    await a.forget();
    expect((await records(api, 'sessions')).map((r) => r.key)).toEqual(['wb-other']);
    expect(await records(api, 'files')).toHaveLength(2);
    expect(await store.load('web')).toBeNull();
    expect(await localEngine(store).restore('wb-other')).toMatchObject({ files: 2, missing: [] });
  });
});

describe('a session saved by the one-record version', () => {
  /** The session as the engine hands it to the store (from a memory store). */
  async function sessionData(): Promise<SessionData> {
    const mem = memoryStore();
    const e = localEngine(mem);
    await e.restore('web');
    await e.addFiles(copies([1, 2]));
    const unit = (await e.recompute(settings)).scoring.units[0]!.unit;
    await e.setScore({ unit, indicatorId: 'content.news', round: 1, inspector: '张明', value: 12.5, note: '更新及时' }, { ...settings, asOf: '2024-11-22' });
    return mem.data.get('web')!;
  }

  /** Writes `data` as version 1 did: the small record, and the files in `<id>\0files` (or inline, before that). */
  async function writeVersion1(api: IndexedDbApi, data: SessionData, split: boolean): Promise<void> {
    const db = await openRaw(api, 1, (d) => d.createObjectStore('sessions'));
    const tx = db.transaction('sessions', 'readwrite');
    const { subs, originals, ...meta } = data;
    if (split) {
      tx.objectStore('sessions').put({ ...meta, split: true }, 'web');
      tx.objectStore('sessions').put({ subs, originals }, 'web\u0000files');
    } else tx.objectStore('sessions').put(data, 'web');
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();
  }

  it.each([true, false])('loads as before and is converted to one record per file (split: %s)', async (split) => {
    const data = await sessionData();
    const refStore = memoryStore();
    refStore.data.set('web', data);
    const expected = localEngine(refStore);
    await expected.restore('web');

    const { api, store } = fresh();
    await writeVersion1(api, data, split);
    const b = localEngine(store);
    const r = await b.restore('web');
    expect(r).toMatchObject({ files: data.subs.length, settings: data.settings, storage: null, missing: [] });
    const after = await b.recompute(r.settings!);
    expect(after.json).toEqual((await expected.recompute(r.settings!)).json);
    expect(after.scoring.typed).toEqual(data.entries);
    expect((await b.returnCopiesZip(r.settings!)).length).toBe((await expected.returnCopiesZip(r.settings!)).length);

    // Converted: the big record is gone, every file has its own, and the next drop writes its files only.
    expect((await records(api, 'sessions')).map((x) => x.key)).toEqual(['web']);
    expect(await records(api, 'files')).toHaveLength(data.subs.length);
    writes.length = 0;
    await b.addFiles(copies([3]).slice(0, 2));
    expect(fileWrites()).toHaveLength(2);
    expect(await localEngine(store).restore('web')).toMatchObject({ files: data.subs.length + 2, missing: [] });
  });
});

describe('a store that fails or lost part of a session', () => {
  it('loads a session some of whose file records are gone, and names the files to drop again', async () => {
    const { api, store } = fresh();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(sampleFiles());
    const names = sampleFiles().map((f) => f.name);
    const lost = [names[1]!, names[5]!];
    const all = await records(api, 'files');
    const db = await openRaw(api);
    const tx = db.transaction('files', 'readwrite');
    for (const r of all) if (lost.includes(r.value.file as string)) tx.objectStore('files').delete(r.key);
    await new Promise((resolve) => (tx.oncomplete = resolve));
    db.close();

    const b = localEngine(store);
    const r = await b.restore('web');
    expect(r).toMatchObject({ files: names.length - 2, storage: null });
    expect(r.missing.sort()).toEqual([...lost].sort());
    expect((await b.recompute(settings)).check.files.map((f) => f.file).sort()).toEqual(names.filter((n) => !lost.includes(n)).sort());
    // Dropped again, they are back for good.
    const again = await b.addFiles(sampleFiles().filter((f) => lost.includes(f.name)));
    expect(again.total).toBe(names.length);
    expect(await localEngine(store).restore('web')).toMatchObject({ files: names.length, missing: [] });
  });

  it('a full disk during a drop: reported, the work goes on, the saved session stays whole, and the next save catches up', async () => {
    const { store } = fresh();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(copies([1]));
    failPut = (name) => (name === 'files' ? new DOMException('The quota has been exceeded.', 'QuotaExceededError') : null);
    const summary = await a.addFiles(copies([2]));
    expect(summary.total).toBe(2 * sampleFiles().length);
    const r = await a.recompute(settings);
    expect(r.storage).toBe('quota');
    expect(r.check.files).toHaveLength(2 * sampleFiles().length);
    // What was saved before is intact: no record of the failed drop is listed, none is missing.
    expect(await localEngine(store).restore('web')).toMatchObject({ files: sampleFiles().length, missing: [] });

    failPut = null;
    const unit = r.scoring.units[0]!.unit;
    const ok = await a.setScore({ unit, indicatorId: 'content.news', round: 1, inspector: '张明', value: 10 }, settings);
    expect(ok.ok && ok.result.storage).toBeNull();
    expect(await localEngine(store).restore('web')).toMatchObject({ files: 2 * sampleFiles().length, missing: [] });
  });

  it('an IndexedDB that refuses to open is “unavailable”, and the work goes on', async () => {
    const api: IndexedDbApi = { indexedDB: new IDBFactory(), IDBKeyRange };
    jest.spyOn(api.indexedDB, 'open').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    const e = localEngine(indexedDbStore(api));
    expect((await e.restore('web')).storage).toBe('unavailable');
    await e.addFiles(sampleFiles().slice(0, 2));
    expect((await e.recompute(settings)).check.files).toHaveLength(2);
  });
});
