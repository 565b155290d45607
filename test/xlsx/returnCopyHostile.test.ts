/**
 * A return copy edits the unit's own package: an accepted file may still carry damage in parts
 * the check never reads (a theme that inflates to hundreds of megabytes while declaring a
 * kilobyte). Unpacking it for the copy is guarded like reading it, so the copy comes quickly and
 * the damaged part is refused, never inflated.
 */
import { unzipSync } from 'fflate';
import { checkBatch } from '../../src/core/check';
import { readSubmission } from '../../src/xlsx/read';
import { buildReturnCopies } from '../../src/xlsx/returnCopies';
import { goodBook } from '../hostile/corpus';
import { rawZip, zeroBomb, type RawEntry } from './helpers';

const MB = 1024 * 1024;

describe('return copy of a file with a bomb in a part nobody reads', () => {
  it('is built at once (in the template layout), the bomb never inflated', async () => {
    const parts = unzipSync(goodBook('退回单位', '12'));
    const { data } = zeroBomb(2000 * MB);
    const entries: RawEntry[] = [...Object.entries(parts).map(([name, d]) => ({ name, data: d, method: 0 as const, size: d.length })), { name: 'xl/theme/theme1.xml', data, method: 8, size: 1000 }];
    const bytes = rawZip(entries);
    const read = await readSubmission('退回单位.xlsx', bytes);
    expect(read.ok).toBe(true);
    const result = checkBatch([{ file: '退回单位.xlsx', sha256: 'x', size: bytes.length, read }], { asOf: '2024-11-20' });
    expect(result.findings.some((f) => f.severity === 'error')).toBe(true);
    const t = performance.now();
    const built = await buildReturnCopies(result, async () => bytes);
    expect(performance.now() - t).toBeLessThan(5000);
    expect([built.failed, built.files.length]).toEqual([[], 1]);
    const again = await readSubmission(built.files[0]!.name, built.files[0]!.bytes);
    expect(again.ok).toBe(true);
  });
});
