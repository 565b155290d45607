/**
 * Files opened on their own (an earlier result, a roster, a workbook read back) go through the
 * reader workers as dropped files do: a reader that hangs, throws, runs out of memory or goes
 * silent refuses that file with its reason in Chinese, and the session stays as it was; readers
 * that cannot start read in process; a read that ended the page is refused once after the reload.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { EngineCore } from '../../src/taskpane/engine/core';
import { ReaderPool } from '../../src/taskpane/engine/readers';
import { readInProcess, type ReadFile } from '../../src/taskpane/engine/readOne';
import { memoryStore } from '../../src/taskpane/engine/store';
import { crashReason, OUT_OF_MEMORY, PAGE_ENDED, timeoutReason } from '../../src/core/readFailure';
import { ROOT, sampleFiles, settings } from './samples';
import { byName, fakePool, type Behaviour } from './fakeReader';

const TIMEOUT = 1000;
const BACK_TIMEOUT = 2000;
const ROSTER = new Uint8Array(fs.readFileSync(path.join(ROOT, 'samples/单位名单.xlsx')));
const copy = (files: { name: string; bytes: Uint8Array }[]) => files.map((f) => ({ ...f, bytes: f.bytes.slice() }));
const good = sampleFiles(() => '2024-11-10T08:00:00.000Z');

/** An earlier result with one score typed into it. */
let result: Uint8Array;
beforeAll(async () => {
  const core = new EngineCore();
  await core.addFiles(copy(good));
  const unit = core.recompute(settings, null, { sheets: false }).scoring.units[0]!.unit;
  expect((await core.setScore({ unit, indicatorId: 'content.news', round: 1, inspector: '张明', value: 12 }, settings)).ok).toBe(true);
  result = await core.download(settings);
});

/** A session with submissions, a roster and an earlier result, its readers as `behave` says. */
async function session(behave: (name: string) => Behaviour) {
  const { pool, log, readers } = fakePool(behave, { timeoutMs: TIMEOUT, backTimeoutMs: BACK_TIMEOUT });
  const core = new EngineCore(null, pool.read);
  await core.addFiles(copy(good));
  await core.setRoster({ name: '单位名单.xlsx', bytes: ROSTER.slice() });
  await core.openResult({ name: '上次结果.xlsx', bytes: result.slice() });
  return { core, log, readers };
}

const snapshot = (core: EngineCore) => {
  const r = core.recompute(settings, null, { sheets: false });
  return { json: r.json, sources: r.sources, entries: r.scoring.entries };
};

type Path = 'openResult' | 'setRoster' | 'readWorkbook';
const open = (core: EngineCore, p: Path, name: string, bytes: Uint8Array, onProgress?: (d: number, t: number, f: string) => void) =>
  p === 'openResult' ? core.openResult({ name, bytes }, onProgress) : p === 'setRoster' ? core.setRoster({ name, bytes }, onProgress) : core.readWorkbook({ name, bytes }, onProgress);

describe('files opened on their own', () => {
  it('are read in a reader (read back or as a submission) with the results of an in-process read, and report progress', async () => {
    const { core, log } = await session(byName);
    const plain = new EngineCore();
    await plain.addFiles(copy(good));
    await plain.setRoster({ name: '单位名单.xlsx', bytes: ROSTER.slice() });
    await plain.openResult({ name: '上次结果.xlsx', bytes: result.slice() });
    expect(log.how.get('上次结果.xlsx')).toBe('back');
    expect(log.how.get('单位名单.xlsx')).toBe('submission');
    expect(snapshot(core)).toEqual(snapshot(plain));
    expect(snapshot(core).entries.some((e) => e.score === 12)).toBe(true);

    const seen: [number, number, string][] = [];
    const grid = await core.readWorkbook({ name: '结果.xlsx', bytes: result.slice() }, (d, t, f) => seen.push([d, t, f]));
    expect(log.how.get('结果.xlsx')).toBe('back');
    expect(grid).toEqual(await plain.readWorkbook({ name: '结果.xlsx', bytes: result.slice() }));
    expect(seen).toEqual([
      [0, 1, '结果.xlsx'],
      [1, 1, '结果.xlsx'],
    ]);
    const rosterSeen: number[] = [];
    expect(await core.setRoster({ name: '名单2.xlsx', bytes: ROSTER.slice() }, (d) => rosterSeen.push(d))).toEqual({ units: snapshot(plain).sources.roster });
    expect(rosterSeen).toEqual([0, 1]);
  });

  const reasons: Record<string, (p: Path) => string> = {
    HANG: (p) => timeoutReason(p === 'setRoster' ? TIMEOUT : BACK_TIMEOUT),
    CLOSE: (p) => timeoutReason(p === 'setRoster' ? TIMEOUT : BACK_TIMEOUT),
    THROW: () => crashReason('Uncaught Error: boom'),
    OOM: () => OUT_OF_MEMORY,
  };

  for (const p of ['openResult', 'setRoster', 'readWorkbook'] as Path[]) {
    it(`${p}: a reader that hangs, throws, runs out of memory or goes silent refuses that file; the session is intact`, async () => {
      const { core, readers } = await session(byName);
      const before = snapshot(core);
      for (const [mark, reason] of Object.entries(reasons)) {
        const name = `上次结果-${mark}.xlsx`;
        const bytes = p === 'setRoster' ? ROSTER.slice() : result.slice();
        const seen: number[] = [];
        await expect(open(core, p, name, bytes, (d) => seen.push(d))).rejects.toThrow(`“${name}”读取文件时出错：${reason(p)}`);
        // Progress was shown while it was read, and ended.
        expect(seen).toEqual([0, 1]);
        expect(snapshot(core)).toEqual(before);
      }
      // Each misbehaving reader was ended; a fresh one reads the next file.
      expect(readers.filter((r) => r.terminated)).toHaveLength(4);
      const again = await open(core, p, p === 'setRoster' ? '单位名单.xlsx' : '上次结果.xlsx', p === 'setRoster' ? ROSTER.slice() : result.slice());
      expect(again).toBeTruthy();
      expect(snapshot(core)).toEqual(before);
    });
  }

  it('readers that cannot start: files opened on their own are read in process; a broken one is refused with its reason', async () => {
    for (const factory of ['broken', 'throws'] as const) {
      const pool =
        factory === 'broken'
          ? fakePool(() => 'broken', { timeoutMs: TIMEOUT }).pool
          : new ReaderPool(() => {
              throw new Error('SecurityError');
            });
      const core = new EngineCore(null, pool.read);
      await core.addFiles(copy(good));
      expect(await core.setRoster({ name: '单位名单.xlsx', bytes: ROSTER.slice() })).toEqual({ units: expect.any(Number) });
      const opened = await core.openResult({ name: '上次结果.xlsx', bytes: result.slice() });
      expect(opened.scores).toBe(1);
      const before = snapshot(core);
      const cut = result.slice(0, result.length >> 1);
      await expect(core.openResult({ name: '断了.xlsx', bytes: cut })).rejects.toThrow(/^“断了\.xlsx”无法读取：/);
      await expect(core.setRoster({ name: '断了.xlsx', bytes: cut.slice() })).rejects.toThrow(/^“断了\.xlsx”/);
      expect(snapshot(core)).toEqual(before);
    }
  });

  it('an earlier result whose read ended the page is refused once after the reload', async () => {
    const store = memoryStore();
    const name = '上次结果-OOM.xlsx';
    // The tab "dies" on this file: its read never ends (the engine that started it is dropped).
    const dies: ReadFile = (n, bytes, started, how) => (n === name ? (started?.(), new Promise(() => undefined)) : readInProcess(n, bytes, started, how));
    const before = new EngineCore(store, dies);
    await before.restore('web');
    void before.openResult({ name, bytes: result.slice() });
    for (let i = 0; i < 60 && !store.marks.get('web')?.length; i++) await new Promise((r) => setTimeout(r, 100));
    expect(store.marks.get('web')?.map((r) => r.file)).toEqual([name]);

    const after = new EngineCore(store);
    await after.restore('web');
    await expect(after.openResult({ name, bytes: result.slice() })).rejects.toThrow(`“${name}”读取文件时出错：${PAGE_ENDED}`);
    await new Promise((r) => setTimeout(r, 10));
    expect(store.marks.get('web')).toBeUndefined();
    // Refused once: asked again, it is read.
    expect((await after.openResult({ name, bytes: result.slice() })).scores).toBe(1);
  });
});
