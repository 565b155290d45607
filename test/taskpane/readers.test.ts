/**
 * The engine's reader workers (engine/readers.ts) with fake workers: a reader that hangs, one
 * that throws, one that runs out of memory and one that ends without a word each cost only their
 * file, which gets file-unreadable with the reason; every other file is read as in process.
 */
import { unzipSync } from 'fflate';
import { EngineCore } from '../../src/taskpane/engine/core';
import { ReaderPool } from '../../src/taskpane/engine/readers';
import { crashReason, OUT_OF_MEMORY, timeoutReason } from '../../src/core/readFailure';
import { sampleFiles, settings } from './samples';
import { byName, fakePool, type Behaviour } from './fakeReader';

// Named to sort among the good files: the files after them need the replacement readers.
const hostile = ['HANG', 'THROW', 'OOM', 'CLOSE'].map((k, i) => ({ name: `信息工程学院-${k}.xlsx`, bytes: new Uint8Array([0x50, 0x4b, 3, 4, i]) }));
const TIMEOUT = 1000;

const pool = (behave: (name: string) => Behaviour, size = 2) => fakePool(behave, { size, timeoutMs: TIMEOUT });

const findingsOf = (core: EngineCore, files: string[]) => {
  const json = core.recompute(settings, null, { sheets: false }).json as unknown as { findings: { file: string | null; rule: string; message: string }[] };
  return json.findings.filter((f) => f.file !== null && files.includes(f.file));
};

describe('reader workers', () => {
  const good = sampleFiles(() => '2024-11-10T08:00:00.000Z');
  const names = good.map((f) => f.name);

  it('a reader that hangs, throws, runs out of memory or goes silent costs only its file', async () => {
    const { pool: p, log, readers } = pool(byName);
    const core = new EngineCore(null, p.read);
    const summary = await core.addFiles([...good, ...hostile].map((f) => ({ ...f, bytes: f.bytes.slice() })));
    const plain = new EngineCore();
    const inProcess = await plain.addFiles(good.map((f) => ({ ...f, bytes: f.bytes.slice() })));
    expect(summary.counts).toEqual({ ...inProcess.counts, unreadable: inProcess.counts!.unreadable + 4 });
    const problem = new Map(summary.added.filter((a) => !a.ok).map((a) => [a.file, a.problem]));
    expect(problem.get('信息工程学院-HANG.xlsx')).toBe(`读取文件时出错：${timeoutReason(TIMEOUT)}`);
    expect(problem.get('信息工程学院-CLOSE.xlsx')).toBe(`读取文件时出错：${timeoutReason(TIMEOUT)}`);
    expect(problem.get('信息工程学院-THROW.xlsx')).toBe(`读取文件时出错：${crashReason('Uncaught Error: boom')}`);
    expect(problem.get('信息工程学院-OOM.xlsx')).toBe(`读取文件时出错：${OUT_OF_MEMORY}`);
    // The findings the checker makes of them, through the same path as any unreadable file.
    const hostileFindings = findingsOf(core, hostile.map((h) => h.name));
    expect(hostileFindings.map((f) => [f.file, f.rule]).sort()).toEqual(hostile.map((h) => [h.name, 'file-unreadable']).sort());
    expect(hostileFindings.find((f) => f.file === '信息工程学院-HANG.xlsx')!.message).toContain('超过 1 秒仍未完成');

    // Every other file reads as it does in process.
    expect(findingsOf(core, names)).toEqual(findingsOf(plain, names));

    // Each dead reader was ended and replaced; the bytes moved (no copy), and came back for return copies.
    const dead = readers.filter((r) => r.terminated).length;
    expect(dead).toBe(4);
    expect(log.started).toBeGreaterThanOrEqual(6);
    expect(log.copied).toBe(0);
    expect(log.moved).toBe(good.length + hostile.length);
    const zip = (z: Uint8Array) => Object.keys(unzipSync(z)).sort();
    expect(zip(await core.returnCopiesZip(settings))).toEqual(zip(await plain.returnCopiesZip(settings)));
  });

  it('a file sent as part of a larger buffer is copied out of it, not the whole buffer moved', async () => {
    const { pool: p, log } = pool(byName, 1);
    const whole = new Uint8Array(good[0]!.bytes.length + 10);
    whole.set(good[0]!.bytes, 10);
    const got = await p.read(good[0]!.name, whole.subarray(10));
    expect(got.read.ok).toBe(true);
    expect(whole.byteLength).toBe(good[0]!.bytes.length + 10); // the caller's buffer is intact
    expect(log.moved).toBe(1);
  });

  it('readers that cannot start: every file is read in process, with the same results', async () => {
    for (const behave of [(): Behaviour => 'broken', null]) {
      const p = behave
        ? pool(behave).pool
        : new ReaderPool(() => {
            throw new Error('SecurityError');
          });
      const core = new EngineCore(null, p.read);
      const plain = new EngineCore();
      const a = await core.addFiles(good.map((f) => ({ ...f, bytes: f.bytes.slice() })));
      const b = await plain.addFiles(good.map((f) => ({ ...f, bytes: f.bytes.slice() })));
      expect(a).toEqual(b);
      expect(core.recompute(settings, null, { sheets: false }).json).toEqual(plain.recompute(settings, null, { sheets: false }).json);
    }
  });
});
