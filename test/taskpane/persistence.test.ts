/**
 * The saved session of the pane and the web page (engine/store.ts): what survives a reload, the
 * order of a restore and later calls, and a full or missing store.
 */
import { localEngine } from '../../src/taskpane/engine/local';
import { memoryStore, storageProblem, StoreError, type SessionData, type SessionStore } from '../../src/taskpane/engine/store';
import { sampleFiles as samples, settings } from './samples';


/** A memory store that records each save and can be slowed down or made to fail. */
function recordingStore(opts: { loadDelay?: Promise<void>; saveError?: unknown; loadError?: unknown } = {}) {
  const inner = memoryStore();
  const saves: { files: number }[] = [];
  const store: SessionStore = {
    async load(id) {
      await opts.loadDelay;
      if (opts.loadError) throw opts.loadError;
      return inner.load(id);
    },
    async save(id: string, data: SessionData) {
      saves.push({ files: data.subs.length });
      if (opts.saveError) throw opts.saveError;
      return inner.save(id, data);
    },
    remove: (id) => inner.remove(id),
  };
  return { store, saves, data: inner.data };
}

describe('a session across a reload', () => {
  it('keeps files (and their bytes), typed scores and notes, and the settings', async () => {
    const { store, saves } = recordingStore();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(samples());
    const picked = { ...settings, asOf: '2024-11-22', school: '示例大学' };
    const before = await a.recompute(picked);
    const unit = before.scoring.units[0]!.unit;
    const ok = await a.setScore({ unit, indicatorId: 'content.news', round: 1, inspector: '张明', value: 12, note: '更新及时' }, picked);
    expect(ok.ok).toBe(true);
    const zipBefore = await a.returnCopiesZip(picked);
    expect(saves.length).toBeGreaterThan(1);

    const b = localEngine(store); // the page reloaded
    const r = await b.restore('web');
    expect(r).toMatchObject({ files: before.check.files.length, storage: null });
    expect(r.settings).toEqual(picked);
    const after = await b.recompute(r.settings!);
    expect(after.scoring.typed).toEqual([expect.objectContaining({ unit, indicatorId: 'content.news', inspector: '张明', score: 12, note: '更新及时' })]);
    expect(after.json).toEqual((await a.recompute(picked)).json);
    // The bytes came back too: return copies are the same as before the reload.
    expect((await b.returnCopiesZip(picked)).length).toBe(zipBefore.length);
  });

  it('saves once for a whole drop, however many chunks it is read in', async () => {
    const { store, saves, data } = recordingStore();
    const a = localEngine(store);
    await a.restore('web');
    // Over two chunks of 16: the same samples under other names (duplicates are files too).
    const drop = [0, 1, 2, 3, 4].flatMap((k) => samples().map((f) => ({ ...f, name: `${k}-${f.name}` })));
    expect(drop.length).toBeGreaterThan(32);
    const summary = await a.addFiles(drop);
    expect(summary.added).toHaveLength(drop.length);
    expect(saves).toEqual([{ files: drop.length }]);
    expect(data.get('web')!.subs).toHaveLength(drop.length);
  });

  it('runs a drop made while the restore is still loading after it, losing neither', async () => {
    const { store } = recordingStore();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(samples().slice(0, 2));

    let release!: () => void;
    const slow = recordingStore({ loadDelay: new Promise<void>((res) => (release = res)) });
    await slow.store.save('web', (await store.load('web'))!); // the same saved session, loaded slowly
    const b = localEngine(slow.store);
    const restoring = b.restore('web');
    const dropped = b.addFiles(samples().slice(2, 4));
    // The load ends only after the drop had time to finish on its own (it must not: it waits).
    const first = await Promise.race([dropped.then(() => 'drop'), new Promise((res) => setTimeout(res, 1500, 'load'))]);
    release();
    expect(first).toBe('load');
    const [r, summary] = await Promise.all([restoring, dropped]);
    expect(r.files).toBe(2);
    expect(summary.total).toBe(4);
    expect((await b.recompute(settings)).check.files.map((f) => f.file).sort()).toEqual(samples().slice(0, 4).map((f) => f.name).sort());
  });

  it('新建会话 forgets files, roster, scores and settings, also in the store', async () => {
    const { store, data } = recordingStore();
    const a = localEngine(store);
    await a.restore('web');
    await a.addFiles(samples().slice(0, 3));
    await a.recompute(settings);
    expect(data.has('web')).toBe(true);
    await a.forget();
    expect(data.has('web')).toBe(false);
    expect((await a.recompute(settings)).check.files).toEqual([]);
    expect(await localEngine(store).restore('web')).toMatchObject({ files: 0, roster: 0, others: 0, settings: null });
  });
});

describe('a store that fails', () => {
  const quota = Object.assign(new Error('The quota has been exceeded.'), { name: 'QuotaExceededError' });

  it('a full disk is reported in every result, and the work goes on', async () => {
    const { store } = recordingStore({ saveError: quota });
    const e = localEngine(store);
    await e.restore('web');
    const summary = await e.addFiles(samples().slice(0, 3));
    expect(summary.total).toBe(3);
    const r = await e.recompute(settings);
    expect(r.storage).toBe('quota');
    expect(r.check.files).toHaveLength(3);
  });

  it('no IndexedDB (or a refused one) is “unavailable”, and the work goes on', async () => {
    const none = localEngine(null);
    expect((await none.restore('web')).storage).toBe('unavailable');
    await none.addFiles(samples().slice(0, 1));
    expect((await none.recompute(settings)).storage).toBe('unavailable');

    const refused = localEngine(recordingStore({ loadError: new StoreError('unavailable') }).store);
    expect((await refused.restore('web')).storage).toBe('unavailable');
  });

  it('without a bound session (no restore) nothing is reported', async () => {
    const e = localEngine(null);
    await e.addFiles(samples().slice(0, 1));
    expect((await e.recompute(settings)).storage).toBeNull();
  });

  it('classifies store errors', () => {
    expect(storageProblem(quota)).toBe('quota');
    expect(storageProblem(new StoreError('unavailable'))).toBe('unavailable');
    expect(storageProblem(new Error('boom'))).toBe('failed');
  });
});
