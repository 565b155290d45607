/** A worker that dies takes only its own file: the pool replaces it and the batch completes. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAll, workerCount } from '../../src/cli/pool';
import { zipSync } from 'fflate';
import { zhCollator } from '../../src/core/findings';
import { goodBook } from '../hostile/corpus';

const ROOT = path.resolve(__dirname, '../..');

/** The real read worker, running `misbehave` when it reads a file whose path contains `marker`. */
function hookedWorker(dir: string, marker: string, misbehave: string): string {
  const script = path.join(dir, 'worker.cjs');
  fs.writeFileSync(
    script,
    `require(${JSON.stringify(require.resolve('tsx/cjs'))});
const fs = require('node:fs');
const readFileSync = fs.readFileSync;
fs.readFileSync = function (p, ...rest) { if (String(p).includes(${JSON.stringify(marker)})) { ${misbehave} } return readFileSync.call(this, p, ...rest); };
require(${JSON.stringify(path.join(ROOT, 'src/cli/readWorker.ts'))});`,
  );
  return script;
}

/** Good workbooks named `names` in `dir` (a `marker-` prefix is not part of the unit's name). */
function books(dir: string, names: string[], marker: string): string[] {
  return names.map((n, i) => {
    const p = path.join(dir, n);
    fs.writeFileSync(p, goodBook(n.replace(new RegExp(`^${marker}-|\\.xlsx$`, 'g'), ''), `1380000${1000 + i}`));
    return p;
  });
}

describe('checkAll worker pool', () => {
  it('restarts a worker that runs out of memory; that file gets file-unreadable, the others their results', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pool-'));
    try {
      // The real worker, whose reading exhausts the heap on files named "oom" (when it gets to
      // them: the pool keeps several files queued in each worker).
      const script = hookedWorker(dir, 'oom', 'const keep = []; for (;;) keep.push(new Array(1e6).fill(1));');
      const names = ['单位甲.xlsx', 'oom-单位乙.xlsx', '单位丙.xlsx', '单位丁.xlsx', 'oom-单位戊.xlsx', '单位己.xlsx', '单位庚.xlsx', 'oom-单位辛.xlsx', '单位壬.xlsx', '单位癸.xlsx'];
      const files = books(dir, names, 'oom');
      const done: string[] = [];
      const checks = await checkAll(files, { asOf: '2024-11-20' }, (f) => done.push(f), { parallel: true, workers: 2, script, limits: { maxOldGenerationSizeMb: 64 } });
      expect(done.sort()).toEqual([...files].sort());
      checks.forEach((c, i) => {
        expect(c.index).toBe(i);
        if (names[i]!.startsWith('oom')) {
          expect(c.record.status).toBe('rejected');
          expect(c.findings.map((f) => [f.rule, /内存/.test(f.message)])).toEqual([['file-unreadable', true]]);
        } else {
          expect([c.record.status, c.findings.map((f) => f.message)]).toEqual(['accepted', []]);
          expect(c.sheets.map((s) => s.rows.length)).toEqual([2]);
        }
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('isolates a small batch too: by default even three files are read in a worker', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pool-'));
    try {
      const script = hookedWorker(dir, 'oom', 'const keep = []; for (;;) keep.push(new Array(1e6).fill(1));');
      const names = ['单位甲.xlsx', 'oom-单位乙.xlsx', '单位丙.xlsx'];
      const files = books(dir, names, 'oom');
      const checks = await checkAll(files, { asOf: '2024-11-20' }, () => undefined, { script, limits: { maxOldGenerationSizeMb: 64 } });
      expect(checks.map((c) => c.record.status)).toEqual(['accepted', 'rejected', 'accepted']);
      expect(checks[1]!.findings.map((f) => [f.rule, /内存/.test(f.message)])).toEqual([['file-unreadable', true]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);

  it('gives up a file a worker never finishes: that file gets file-unreadable, the batch completes', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pool-'));
    try {
      // The real worker, which loops for ever on files named "hang".
      const script = hookedWorker(dir, 'hang', 'for (;;);');
      const names = ['单位甲.xlsx', 'hang-单位乙.xlsx', '单位丙.xlsx', '单位丁.xlsx', '单位戊.xlsx'];
      const files = books(dir, names, 'hang');
      const checks = await checkAll(files, { asOf: '2024-11-20' }, () => undefined, { parallel: true, workers: 1, script, fileTimeoutMs: 8000 });
      expect(checks.map((c) => c.record.status)).toEqual(['accepted', 'rejected', 'accepted', 'accepted', 'accepted']);
      expect(checks[1]!.findings.map((f) => [f.rule, /超过 8 秒/.test(f.message)])).toEqual([['file-unreadable', true]]);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('checkAll on an archive', () => {
  it('times each file of an archive, not the whole archive: a zip that takes longer than one file may is checked whole', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pool-'));
    try {
      // Each file hashed costs a second here: nine of them take longer than the per-file timeout.
      const script = path.join(dir, 'worker.cjs');
      fs.writeFileSync(
        script,
        `require(${JSON.stringify(require.resolve('tsx/cjs'))});
require(${JSON.stringify(path.join(ROOT, 'src/cli/readWorker.ts'))});
// Once loaded (tsx hashes the files it compiles).
const crypto = require('node:crypto');
const createHash = crypto.createHash;
crypto.createHash = function (...a) { const t = Date.now(); while (Date.now() - t < 1000); return createHash.apply(this, a); };`,
      );
      const names = ['甲', '乙', '丙', '丁', '戊', '己', '庚', '辛', '壬'].map((n) => `单位${n}.xlsx`);
      // Named otherwise than .zip: found an archive by its content, in the worker (a .zip is opened by the pool and its files spread over the workers).
      const zip = path.join(dir, '材料.dat');
      fs.writeFileSync(zip, zipSync(Object.fromEntries(names.map((n, i) => [n, goodBook(n.replace('.xlsx', ''), `1380000${1000 + i}`)]))));
      const [check] = await checkAll([zip], { asOf: '2024-11-20' }, () => undefined, { parallel: true, workers: 1, script, fileTimeoutMs: 5000 });
      const all = [check!, ...(check!.more ?? [])];
      expect(all.map((c) => [c.file.replace(/^.*材料\.dat\//, ''), c.record.status])).toEqual([...names].sort(zhCollator.compare).map((n) => [n, 'accepted']));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('checkAll on a .zip', () => {
  it('spreads its files over the workers: a worker dying on one costs only that file, named as in the archive', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pool-'));
    try {
      // The worker ends itself (once) at the third file it hashes.
      const flag = path.join(dir, 'died');
      const script = path.join(dir, 'worker.cjs');
      fs.writeFileSync(
        script,
        `require(${JSON.stringify(require.resolve('tsx/cjs'))});
require(${JSON.stringify(path.join(ROOT, 'src/cli/readWorker.ts'))});
const fs = require('node:fs');
const crypto = require('node:crypto');
const createHash = crypto.createHash;
let n = 0;
crypto.createHash = function (...a) { if (++n === 3 && !fs.existsSync(${JSON.stringify(flag)})) { fs.writeFileSync(${JSON.stringify(flag)}, '1'); process.exit(3); } return createHash.apply(this, a); };`,
      );
      const names = ['甲', '乙', '丙', '丁', '戊'].map((n) => `单位${n}.xlsx`);
      const zip = path.join(dir, '材料.zip');
      fs.writeFileSync(zip, zipSync(Object.fromEntries(names.map((n, i) => [`收件/${n}`, goodBook(n.replace('.xlsx', ''), `1380000${1000 + i}`)]))));
      const parts: string[] = [];
      const [check] = await checkAll([zip], { asOf: '2024-11-20' }, () => undefined, { parallel: true, workers: 1, script, onPart: (_f, k, n) => parts.push(`${k}/${n}`) });
      const all = [check!, ...(check!.more ?? [])];
      const sorted = [...names].sort(zhCollator.compare);
      expect(all.map((c) => c.file.replace(/^.*材料\.zip\//, ''))).toEqual(sorted.map((n) => `收件/${n}`));
      expect(all.map((c) => c.record.status)).toEqual(['accepted', 'accepted', 'rejected', 'accepted', 'accepted']);
      expect(all[2]!.findings.map((f) => f.rule)).toEqual(['file-unreadable']);
      expect(parts).toEqual(['1/5', '2/5', '3/5', '4/5', '5/5']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe('workerCount', () => {
  it.each([
    // files, cores, workers: one per core and per 400 files, at most 8
    [100, 2, 1],
    [400, 8, 1],
    [401, 8, 2],
    [1000, 2, 2],
    [1000, 8, 3],
    [5000, 32, 8],
    [40, 1, 1],
  ])('%i files on %i cores: %i', (files, cores, want) => {
    expect(workerCount(files, cores)).toBe(want);
  });
});
