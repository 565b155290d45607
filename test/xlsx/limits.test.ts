/** Reader internals behind the hostile corpus: OPC lookup, formulas without values, limits, CSV notes. */
import { strToU8 } from 'fflate';
import { checkBatch } from '../../src/core/check';
import { checkCross } from '../../src/core/rules/cross';
import type { ConsolidatedRow } from '../../src/core/model';
import { evaluate } from '../../src/xlsx/formula';
import { readSubmission } from '../../src/xlsx/read';
import { goodBook, hostileFiles, otherProducerFiles } from '../hostile/corpus';

async function read(name: string, bytes: Uint8Array, asOf?: string) {
  const r = await readSubmission(name, bytes, asOf ? { asOf } : {});
  if (!r.ok) throw new Error(r.detail);
  return r.workbook;
}

const HOSTILE = hostileFiles();
const hostile = (kind: string) => HOSTILE.find((f) => f.kind === kind)!;

describe('formula subset', () => {
  const cells: Record<string, number | string> = { '0,0': 2, '0,1': 'a' };
  const ctx = { row: 4, col: 0, today: 45616, get: (r: number, c: number) => cells[`${r},${c}`] ?? null };
  it('evaluates arithmetic, DATE, TODAY, ROW, COLUMN, SUM and references', () => {
    expect(evaluate('ROW()-3', ctx)).toBe(2);
    expect(evaluate('=A1*(3+1)^2/4', ctx)).toBe(8);
    expect(evaluate('DATE(2024,11,18)', ctx)).toBe(45614);
    expect(evaluate('TODAY()', ctx)).toBe(45616);
    expect(evaluate('B1&"-"&ROW(A7)', ctx)).toBe('a-7');
    expect(evaluate('SUM(A1:A3,1)', ctx)).toBe(3);
    expect(evaluate('C9', ctx)).toBe(0); // an empty cell shows 0
  });
  it('refuses what it cannot know', () => {
    for (const f of ['VLOOKUP(1,A:A,1,0)', 'Sheet2!A1', '1/0', 'TODAY(', 'name+1']) expect([f, evaluate(f, ctx)]).toEqual([f, null]);
    expect(evaluate('TODAY()', { ...ctx, today: null })).toBeNull();
  });
});

describe('xlsx reader', () => {
  it('reads formulas saved without values, and reports the one it cannot evaluate at its cell', async () => {
    const wb = await read('a.xlsx', hostile('nocache').bytes, '2024-11-20');
    const rows = wb.sheets[0]!.rows;
    expect(rows[3]![0]).toEqual({ t: 'n', v: 1 });
    expect(rows[3]![6]).toEqual({ t: 'd', v: '2024-11-18' });
    expect(rows[4]![0]).toEqual({ t: 'n', v: 2 });
    expect(rows[4]![4]).toEqual({ t: 's', v: '13900000012' });
    expect(rows[4]![6]).toEqual({ t: 'd', v: '2024-11-20' });
    expect(wb.notes).toEqual([{ kind: 'formula', sheet: '网站', cell: 'B5', detail: expect.stringContaining('公式没有计算结果') }]);
  });

  it('finds sheets through relationships, whatever their part names, like the plain file', async () => {
    const plain = (await read('p.xlsx', goodBook('异构单位-x', '1'))).sheets[0]!.rows.slice(3).map((r) => r.slice(0, 4).length);
    for (const f of otherProducerFiles()) {
      const wb = await read(f.name, f.bytes);
      expect([f.kind, wb.sheets.map((s) => s.name), wb.notes]).toEqual([f.kind, ['网站'], undefined]);
      expect(wb.sheets[0]!.rows.slice(3).map((r) => r.slice(0, 4).length)).toEqual(plain);
    }
  });

  it('names the sheet whose part is missing, and the bad shared-string cells', async () => {
    expect((await read('m.xlsx', hostile('missingpart').bytes)).notes).toEqual([{ kind: 'sheet', sheet: '附件2 新媒体', detail: expect.stringContaining('找不到对应的数据部件') }]);
    const sst = await read('s.xlsx', hostile('sstindex').bytes);
    expect(sst.notes!.map((n) => [n.kind, n.cell])).toEqual([['cell', 'B5'], ['cell', 'B6'], ['cell', 'B7'], ['cell', 'B8']]);
  });

  it('a missing sheet part is a sheet-unreadable finding, not a false form-missing', async () => {
    const f = hostile('missingpart');
    const read = await readSubmission(f.name, f.bytes);
    const r = checkBatch([{ file: f.name, sha256: 'x', size: f.bytes.length, read }], { asOf: '2024-11-20' });
    expect(r.findings.filter((x) => x.rule === 'sheet-unreadable').map((x) => x.sheet)).toEqual(['附件2 新媒体']);
    expect(r.findings.filter((x) => x.rule === 'form-missing')).toEqual([]);
    expect(r.files[0]!.status).toBe('accepted');
  });

  it('refuses a duplicated entry name and a CRC mismatch', async () => {
    for (const k of ['dupentry', 'crc']) {
      const r = await readSubmission('x.xlsx', hostile(k).bytes);
      expect([k, r.ok]).toEqual([k, false]);
    }
  });
});

describe('csv reader', () => {
  it('reports an unclosed quote at its row and mixed encodings', async () => {
    const q = await read('q.csv', hostile('csvquote').bytes);
    expect(q.notes).toEqual([{ kind: 'row', sheet: 'q', cell: 'A5', detail: expect.stringContaining('引号未闭合') }]);
    // The line is read with its quote as a character; the rows after it are rows again.
    const first = q.sheets[0]!.rows.map((r) => r[0]?.v ?? null);
    expect(first.slice(3)).toEqual(['1', '2', '3', '4', '5', '6']);
    expect(q.sheets[0]!.rows[4]![1]).toEqual({ t: 's', v: '"站点乙' });
    const mixed = await read('m.csv', hostile('csvmixed').bytes);
    expect(mixed.notes!.map((n) => n.kind)).toEqual(['encoding']);
    expect(mixed.sheets[0]!.rows[0]).toEqual([{ t: 's', v: '网站平台更新登记备案表' }]);
    expect((await read('u.csv', strToU8('a,b\r\n1,2\r\n'))).notes).toBeUndefined();
  });
});

describe('cross-unit findings scale', () => {
  it('lists a few other units and a count', () => {
    const row = (unit: string): ConsolidatedRow => ({ unit, file: `${unit}.xlsx`, sheet: '新媒体', row: 3, values: { platform: '抖音', accountId: 'same' }, phones: [], extras: {}, letters: { accountId: 'D' } }) as unknown as ConsolidatedRow;
    const units = Array.from({ length: 13 }, (_, i) => `单位${String.fromCharCode(65 + i)}`);
    const tables = { website: [], newmedia: units.map(row), group: [], zombie: [], bigv: [] };
    const f = checkCross(tables, []).filter((x) => x.rule === 'dup-across-units');
    expect(f).toHaveLength(13);
    expect(f[0]!.message).toBe('账号“抖音 same”与其他 12 个单位重复，如 单位B、单位C、单位D，请确认归属单位');
  });
});
