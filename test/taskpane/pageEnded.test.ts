/**
 * A reader that runs out of memory ends the whole tab in Chromium. The engine marks a file in the
 * store while it is read for long, so after the reload the next drop refuses that file once (with
 * the reason) and reads the rest of the batch.
 */
import { EngineCore } from '../../src/taskpane/engine/core';
import { readInProcess, type ReadFile } from '../../src/taskpane/engine/readOne';
import { memoryStore } from '../../src/taskpane/engine/store';
import { PAGE_ENDED } from '../../src/core/readFailure';
import { sampleFiles } from './samples';

const copy = (files: { name: string; bytes: Uint8Array }[]) => files.map((f) => ({ ...f, bytes: f.bytes.slice() }));

describe('a file that ended the page', () => {
  const good = sampleFiles();
  const oom = { name: '信息工程学院-OOM.xlsx', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 9]) };
  // The tab "dies" on this file: its read never ends (the engine that started it is dropped).
  const dies: ReadFile = (name, bytes, started) => (name === oom.name ? (started?.(), new Promise(() => undefined)) : readInProcess(name, bytes, started));

  it('is marked while read, refused once after the reload, and the rest is read', async () => {
    const store = memoryStore();
    const before = new EngineCore(store, dies);
    await before.restore('web');
    void before.addFiles(copy([...good, oom]));
    for (let i = 0; i < 60 && !store.marks.get('web')?.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(store.marks.get('web')?.map((r) => r.file)).toEqual([oom.name]);

    const after = new EngineCore(store);
    await after.restore('web');
    const summary = await after.addFiles(copy([...good, oom]));
    expect(summary.added.find((a) => a.file === oom.name)).toMatchObject({ ok: false, problem: `读取文件时出错：${PAGE_ENDED}` });
    const plain = await new EngineCore().addFiles(copy(good));
    expect(summary.added.filter((a) => a.file !== oom.name)).toEqual(plain.added);
    // Refused once: the mark is gone, and a new session reads the file again.
    await new Promise((r) => setTimeout(r, 10));
    expect(store.marks.get('web')).toBeUndefined();
    await after.forget();
    const again = await after.addFiles(copy([oom]));
    expect(again.added[0]!.problem).not.toContain('页面意外关闭');
  });

  it('a read that ends in time leaves no mark', async () => {
    const store = memoryStore();
    const core = new EngineCore(store);
    await core.restore('web');
    await core.addFiles(copy(good));
    expect(store.marks.size).toBe(0);
  });
});
