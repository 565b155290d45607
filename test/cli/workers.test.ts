/** Workers started ahead of the batch (bin/zhendi.cjs) are the ones the pool uses, with the batch's options. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkAll } from '../../src/cli/pool';
import type { FileCheck } from '../../src/core/check';
import { prestart, waiting } from '../../src/cli/workers';
import { goodBook } from '../hostile/corpus';

describe('prestarted read workers', () => {
  it('the pool takes a prestarted worker, gives it the options, and ends the ones it did not need', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'zhendi-pre-'));
    try {
      const files = ['单位甲.xlsx', '单位乙.xlsx'].map((n, i) => {
        const p = path.join(dir, n);
        fs.writeFileSync(p, goodBook(n.replace('.xlsx', ''), `1380000${1000 + i}`));
        return p;
      });
      prestart(2);
      expect(waiting()).toBe(2);
      // Checked years later: website-stale only fires when the options reached the worker.
      const opts = { asOf: '2030-01-01' };
      const pooled = await checkAll(files, opts, () => undefined, { workers: 1 });
      expect(waiting()).toBe(0);
      const inProcess = await checkAll(files, opts, () => undefined, { parallel: false });
      const rules = (cs: FileCheck[]) => cs.map((c) => [...c.findings, ...c.sheets.flatMap((s) => s.findings)].map((f) => f.rule));
      expect(rules(pooled)).toEqual(rules(inProcess));
      expect(rules(pooled).map((r) => r.includes('website-stale-long'))).toEqual([true, true]);
      expect(pooled.map((c) => c.record.status)).toEqual(['accepted', 'accepted']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
